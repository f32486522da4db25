"""PUT /api/v1/{proposals,minutes}/<pk>/references/<ministry>/: a ministry's own reference."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from forums.models import MinistryReference, Minutes, Proposal
from forums.permissions import visible_proposals
from forums.records_access import can_set_ministry_reference
from forums.services.records import REFERENCE_MAX, ministry_reference_set
from portfolio.api_docs import operation_doc
from portfolio.models import Ministry

ADMIN_HEAD_ONLY = gettext_lazy(
    "Only an admin head of the ministry in the path, for their own ministry; others get 403."
)
MINISTRY = OpenApiParameter(
    "abbreviation",
    str,
    OpenApiParameter.PATH,
    description=gettext_lazy("Abbreviation of the ministry whose reference it is."),
)


class ReferenceInput(serializers.Serializer):
    reference = serializers.CharField(
        max_length=REFERENCE_MAX,
        help_text=gettext_lazy("The ministry's own case or document number, as 26/1234-3."),
    )


class ReferenceOutput(serializers.ModelSerializer):
    ministry = serializers.CharField(source="ministry.abbreviation")
    recorded_by = serializers.CharField(source="recorded_by.username")

    class Meta:
        model = MinistryReference
        fields = ["ministry", "reference", "recorded_by", "recorded_at"]


class _ReferenceView(GenericAPIView):
    """Record or change one ministry's own reference on one object."""

    permission_classes = [IsAuthenticated]
    serializer_class = ReferenceInput

    def get_target(self, request, pk: int) -> Proposal | Minutes:
        raise NotImplementedError

    def put(self, request, pk: int, abbreviation: str):
        target = self.get_target(request, pk)
        ministry = Ministry.objects.filter(abbreviation__iexact=abbreviation).first()
        if ministry is None:
            raise NotFound()
        # Who may is answered before anything about the input is revealed.
        if not can_set_ministry_reference(request.user, ministry.pk):
            raise PermissionDenied(
                _("Only an admin head of the ministry may record its reference.")
            )
        data = ReferenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        reference = ministry_reference_set(
            actor=request.user,
            ministry=ministry,
            reference=data.validated_data["reference"],
            proposal=target if isinstance(target, Proposal) else None,
            minutes=target if isinstance(target, Minutes) else None,
        )
        return Response(ReferenceOutput(reference).data)


class ProposalReferenceAPIView(_ReferenceView):
    def get_target(self, request, pk: int) -> Proposal:
        proposal = visible_proposals(request.user).filter(pk=pk).first()
        if proposal is None:
            raise NotFound()
        return proposal

    @operation_doc(
        operation_id="proposal_reference_set",
        summary=gettext_lazy("Record a ministry's own reference on a proposal"),
        description=gettext_lazy(
            "Records the ministry's own case or document number for the proposal (its "
            "saksnummer in its own archive); recording again changes it. It is shown on the "
            "proposal, in the journal and in the archive extraction."
        ),
        permissions=ADMIN_HEAD_ONLY,
        request=ReferenceInput,
        responses={200: ReferenceOutput},
        parameters=[MINISTRY],
    )
    def put(self, request, pk: int, abbreviation: str):
        return super().put(request, pk, abbreviation)


class MinutesReferenceAPIView(_ReferenceView):
    def get_target(self, request, pk: int) -> Minutes:
        minutes = Minutes.objects.filter(pk=pk).first()
        if minutes is None:
            raise NotFound()
        return minutes

    @operation_doc(
        operation_id="minutes_reference_set",
        summary=gettext_lazy("Record a ministry's own reference on minutes"),
        description=gettext_lazy(
            "Records the ministry's own case or document number for this version of the "
            "minutes; recording again changes it. It is shown on the minutes, in the journal "
            "and in the archive extraction."
        ),
        permissions=ADMIN_HEAD_ONLY,
        request=ReferenceInput,
        responses={200: ReferenceOutput},
        parameters=[MINISTRY],
    )
    def put(self, request, pk: int, abbreviation: str):
        return super().put(request, pk, abbreviation)
