"""The proposals API on the ministries' positions.

PUT /api/v1/proposals/{id}/positions/{abbr}/ records a position;
POST /api/v1/proposals/{id}/positions/{abbr}/withdraw-objection/ withdraws an objection.
"""

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
from portfolio.permissions import ensure

SIGNERS_ONLY = gettext_lazy(
    "Only someone who may sign for that ministry: its sign permission (held by the "
    "ministry's admin head) or an active delegation of it; there is no exception for "
    "administrators. Others get 403, before the input is looked at."
)
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


class WithdrawObjectionInput(serializers.Serializer):
    explanation = serializers.CharField(
        max_length=REASON_MAX,
        validators=[refuse_nul],
        help_text=gettext_lazy("Why the ministry withdraws its objection; required."),
    )


class PositionActions:
    """The position action of the proposals' viewset (`_proposal` and `_detail` are its own)."""

    @operation_doc(
        summary=gettext_lazy("Record a ministry's position"),
        description=gettext_lazy(
            "Records the position of the ministry in the path on the current version: endorse, "
            "stand aside or object (with a reason). Recording again changes it."
        ),
        permissions=SIGNERS_ONLY,
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
        ministry = _ministry(abbreviation)
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

    @operation_doc(
        summary=gettext_lazy("Withdraw a ministry's objection"),
        description=gettext_lazy(
            "The ministry in the path withdraws its objection to the current version, saying "
            "why. The objection stays on record, resolved by withdrawal with the explanation, "
            "who and when; the ministry's position is then missing until it records a new one."
        ),
        permissions=SIGNERS_ONLY,
        request=WithdrawObjectionInput,
        responses={
            200: OpenApiResponse(
                ProposalOutput, description=gettext_lazy("The objection is withdrawn.")
            ),
            409: conflict(
                gettext_lazy(
                    "The proposal is not in consultation, or the ministry has no standing "
                    "objection to its current version."
                )
            ),
        },
        parameters=[OpenApiParameter("abbreviation", str, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"positions/(?P<abbreviation>[^/.]+)/withdraw-objection",
        url_name="withdraw-objection",
    )
    def withdraw_objection(self, request, pk=None, abbreviation=None):
        proposal = self._proposal()
        ministry = _ministry(abbreviation)
        ensure(
            can_sign_for(user=request.user, ministry=ministry),
            _("You may not act for %(ministry)s.") % {"ministry": ministry},
        )
        data = WithdrawObjectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.objection_withdraw(
            actor=request.user, proposal=proposal, ministry=ministry, **data.validated_data
        )
        return self._detail(proposal, status.HTTP_200_OK)


def _ministry(abbreviation: str | None) -> Ministry:
    try:
        return get_object_or_404(Ministry, abbreviation__iexact=abbreviation)
    except Http404 as exc:
        raise exceptions.NotFound() from exc


def _check_may_sign(*, user, ministry: Ministry) -> None:
    if not can_sign_for(user=user, ministry=ministry):
        raise PermissionDenied(
            _("You may not record a position for %(ministry)s.") % {"ministry": ministry}
        )
