"""The proposals API on the ministries' positions: PUT /api/v1/proposals/{id}/positions/{abbr}/."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action

from forums.api_proposal_output import ProposalOutput
from forums.models import PositionChoice
from forums.models.proposals import REASON_MAX
from forums.permissions import can_sign_for
from forums.services import positions as services
from portfolio.api_docs import conflict, operation_doc
from portfolio.api_fields import refuse_nul
from portfolio.models import Ministry

NOT_IN_CONSULTATION = conflict(gettext_lazy("The proposal is not in consultation."))


class PositionInput(serializers.Serializer):
    position = serializers.ChoiceField(choices=PositionChoice.choices)
    reason = serializers.CharField(
        max_length=REASON_MAX,
        required=False,
        allow_blank=True,
        default="",
        validators=[refuse_nul],
        help_text=gettext_lazy("Required when objecting."),
    )

    def validate(self, attrs):
        if attrs["position"] == PositionChoice.OBJECT and not attrs.get("reason", "").strip():
            raise serializers.ValidationError({"reason": _("An objection must give a reason.")})
        return attrs


class PositionActions:
    """The position action of the proposals' viewset (`_proposal` and `_detail` are its own)."""

    @operation_doc(
        summary=gettext_lazy("Record a ministry's position"),
        description=gettext_lazy(
            "Records the position of the ministry in the path on the current version: endorse, "
            "stand aside or object (with a reason). Recording again changes it."
        ),
        permissions=gettext_lazy(
            "Only someone who may sign for that ministry: its sign permission (held by the "
            "ministry's admin head) or an active delegation of it; there is no exception for "
            "administrators. Others get 403, before the input is looked at."
        ),
        request=PositionInput,
        responses={
            201: OpenApiResponse(
                ProposalOutput, description=gettext_lazy("The ministry's first position.")
            ),
            200: OpenApiResponse(
                ProposalOutput, description=gettext_lazy("The ministry's position changed.")
            ),
            409: NOT_IN_CONSULTATION,
        },
        parameters=[OpenApiParameter("abbreviation", str, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["put"],
        url_path=r"positions/(?P<abbreviation>[^/.]+)",
        url_name="position",
    )
    def position(self, request, pk=None, abbreviation=None):
        proposal = self._proposal()
        try:
            ministry = get_object_or_404(Ministry, abbreviation__iexact=abbreviation)
        except Http404 as exc:
            raise exceptions.NotFound() from exc
        # Who may sign is answered before anything about the input is revealed.
        _check_may_sign(user=request.user, ministry=ministry)
        data = PositionInput(data=request.data)
        data.is_valid(raise_exception=True)
        _, created = services.position_record(
            actor=request.user,
            proposal=proposal,
            ministry=ministry,
            **data.validated_data,
        )
        return self._detail(proposal, status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _check_may_sign(*, user, ministry: Ministry) -> None:
    if not can_sign_for(user=user, ministry=ministry):
        raise PermissionDenied(
            _("You may not record a position for %(ministry)s.") % {"ministry": ministry}
        )
