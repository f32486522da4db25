"""The proposals API: the public contract of consensus endorsement under /api/v1/proposals/."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from forums.exceptions import WrongState
from forums.models import Escalation, PositionChoice, Proposal
from forums.models.proposals import REASON_MAX, TEXT_MAX, TITLE_MAX
from forums.permissions import can_sign_for
from forums.selectors.proposals import proposal_positions, proposal_register
from forums.services import proposals as services
from measures.api.errors import field_errors
from measures.models import Measure
from portfolio.api_docs import conflict, operation_doc, rejected
from portfolio.api_fields import SlugRelatedField
from portfolio.caching import CachedListMixin
from portfolio.models import Ministry

COORDINATOR_ONLY = gettext_lazy("Only the coordinator (coordinator role); others get 403.")
NOT_IN_CONSULTATION = conflict(gettext_lazy("The proposal is not in consultation."))
MEASURE_CODES = gettext_lazy("Codes of the measures the proposal concerns.")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _no_nul(value: str, *, field: str | None = None) -> str:
    if "\x00" in value:
        message = _("The text contains a NUL character, which is not allowed.")
        raise serializers.ValidationError({field: [message]} if field else message)
    return value


class DeadlineField(serializers.DateTimeField):
    """DRF lets an OverflowError out for a time in the first hours of year 1; refuse it."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except OverflowError:
            self.fail("overflow")


class ProposalCreateInput(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, validators=[_no_nul])
    text = serializers.CharField(max_length=TEXT_MAX, validators=[_no_nul])
    deadline = DeadlineField(
        help_text=gettext_lazy("End of the consultation; it must be in the future when opened.")
    )
    silent_consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text=Proposal._meta.get_field("silent_consent").help_text,
    )
    measures = SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Measure.objects.all(),
        help_text=MEASURE_CODES,
    )


class PositionInput(serializers.Serializer):
    position = serializers.ChoiceField(choices=PositionChoice.choices)
    reason = serializers.CharField(
        max_length=REASON_MAX,
        required=False,
        allow_blank=True,
        default="",
        validators=[_no_nul],
        help_text=gettext_lazy("Required when objecting."),
    )

    def validate(self, attrs):
        if attrs["position"] == PositionChoice.OBJECT and not attrs.get("reason", "").strip():
            raise serializers.ValidationError({"reason": _("An objection must give a reason.")})
        return attrs


class ReviseInput(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, validators=[_no_nul])
    title = serializers.CharField(
        max_length=TITLE_MAX,
        required=False,
        allow_blank=True,
        validators=[_no_nul],
        help_text=gettext_lazy("Leave out, or leave empty, to keep the title."),
    )


class EscalateInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=Escalation.Level.choices)
    note = serializers.CharField(
        max_length=REASON_MAX, required=False, allow_blank=True, default="", validators=[_no_nul]
    )


class PositionOutput(serializers.Serializer):
    ministry = serializers.CharField(
        source="ministry.abbreviation",
        help_text=gettext_lazy("Abbreviation of a participating ministry."),
    )
    position = serializers.CharField(
        source="position.position",
        default=None,
        allow_null=True,
        help_text=gettext_lazy(
            "endorse, stand_aside or object on the current version; null until it answers."
        ),
    )
    reason = serializers.CharField(source="position.reason", default=None, allow_null=True)
    recorded_by = serializers.CharField(
        source="position.recorded_by.username",
        default=None,
        allow_null=True,
        help_text=gettext_lazy("User name of the person who recorded it."),
    )
    recorded_at = serializers.DateTimeField(
        source="position.recorded_at", default=None, allow_null=True
    )


class ProposalListOutput(serializers.ModelSerializer):
    forum = serializers.CharField(source="forum.slug", help_text=gettext_lazy("Slug of the forum."))
    register_number = serializers.CharField(
        read_only=True,
        help_text=gettext_lazy("The forum's code, the year and the number, e.g. SF 2027/03."),
    )
    measures = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=MEASURE_CODES
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "register_number",
            "forum",
            "title",
            "status",
            "version",
            "deadline",
            "silent_consent",
            "measures",
        ]
        extra_kwargs = {
            "version": {
                "help_text": gettext_lazy(
                    "Version of the text; a revision adds one, and only positions on the "
                    "current version count."
                )
            },
        }


def _ministries(help_text) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), read_only=True, help_text=help_text)


class ProposalOutput(ProposalListOutput):
    positions = serializers.SerializerMethodField(
        help_text=gettext_lazy("Each participating ministry's position on the current version.")
    )
    amends = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Numeric id of the endorsed proposal this one amends, or null."),
    )
    objecting = _ministries(gettext_lazy("Ministries that objected; set when closed."))
    missing = _ministries(gettext_lazy("Ministries that had not answered; set when closed."))
    silent = _ministries(
        gettext_lazy("Ministries counted as standing aside by silent consent; set when closed.")
    )

    class Meta(ProposalListOutput.Meta):
        fields = [
            *ProposalListOutput.Meta.fields,
            "text",
            "amends",
            "opened_at",
            "closed_at",
            "objecting",
            "missing",
            "silent",
            "positions",
        ]

    @extend_schema_field(PositionOutput(many=True))
    def get_positions(self, obj: Proposal) -> list[dict]:
        return PositionOutput(proposal_positions(obj), many=True).data


def _call(function, **kwargs):
    """Run a service and turn its exceptions into the API's status codes."""
    try:
        return function(**kwargs)
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from exc
    except WrongState as exc:
        raise Conflict(str(exc)) from exc
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(field_errors(exc)) from exc


@extend_schema_view(
    list=operation_doc(
        summary=gettext_lazy("List proposals"),
        description=gettext_lazy(
            "The register of proposals to the forums, newest first. Filter by forum, year, "
            "measure, status and words in the title or text."
        ),
        permissions=gettext_lazy(
            "Any logged-in user. The list is filtered, not refused: drafts are listed only "
            "for the coordinator and the secretariat."
        ),
        parameters=[
            OpenApiParameter("forum", str),
            OpenApiParameter("year", int),
            OpenApiParameter("measure", str),
            OpenApiParameter(
                "status",
                str,
                enum=Proposal.Status.values,
                description=gettext_lazy("Status of the proposal."),
            ),
            OpenApiParameter("q", str, description=gettext_lazy("Words in the title or the text.")),
        ],
    ),
    retrieve=operation_doc(
        summary=gettext_lazy("Get a proposal"),
        description=gettext_lazy(
            "One proposal with its text and each participating ministry's position on the "
            "current version; once closed, also which ministries objected, had not answered "
            "or stood aside by silent consent."
        ),
        permissions=gettext_lazy(
            "Any logged-in user. A draft is shown only to the coordinator and the secretariat; "
            "others get 404 for it."
        ),
    ),
)
class ProposalViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Proposals to a forum and the ministries' positions. Drafts are seen by coordinators only."""

    def get_queryset(self):
        params = self.request.query_params
        if self.action == "list":  # the filters; a NUL in any of them is refused (400)
            for name in ("forum", "measure", "status", "q"):
                _no_nul(params.get(name, ""), field=name)
        year = params.get("year", "")
        return proposal_register(
            user=self.request.user,
            forum=params.get("forum", ""),
            year=int(year) if year.isascii() and year.isdigit() and len(year) <= 4 else None,
            measure=params.get("measure", ""),
            status=params.get("status", ""),
            q=params.get("q", ""),
        )

    def get_serializer_class(self):
        return ProposalListOutput if self.action == "list" else ProposalOutput

    def _proposal(self) -> Proposal:
        return self.get_object()

    def _detail(self, proposal: Proposal, code: int = status.HTTP_200_OK) -> Response:
        proposal = Proposal.objects.select_related("forum").get(pk=proposal.pk)
        return Response(ProposalOutput(proposal).data, status=code)

    @operation_doc(
        summary=gettext_lazy("Draft a proposal"),
        description=gettext_lazy(
            "Drafts a proposal to Strategisk forum with the next number in the forum's "
            "register. Only the coordinator and the secretariat see it until it is opened."
        ),
        permissions=COORDINATOR_ONLY,
        request=ProposalCreateInput,
        responses={201: ProposalOutput},
    )
    def create(self, request):
        data = ProposalCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = _call(services.proposal_create, actor=request.user, **data.validated_data)
        return self._detail(proposal, status.HTTP_201_CREATED)

    @operation_doc(
        summary=gettext_lazy("Open the consultation"),
        description=gettext_lazy(
            "Opens the draft for consultation: the ministries that hold a seat in the forum "
            "become its participants and are asked for their positions."
        ),
        permissions=COORDINATOR_ONLY,
        request=None,
        responses={
            200: ProposalOutput,
            400: rejected(
                gettext_lazy("The deadline has passed, or no ministry holds a seat in the forum.")
            ),
            409: conflict(gettext_lazy("The proposal is not a draft.")),
        },
    )
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        proposal = _call(services.proposal_open, actor=request.user, proposal=self._proposal())
        return self._detail(proposal)

    @operation_doc(
        summary=gettext_lazy("Revise a proposal in consultation"),
        description=gettext_lazy(
            "Makes a new version of the text (and the title). Positions on the earlier version "
            "no longer count, and the participants are asked again."
        ),
        permissions=COORDINATOR_ONLY,
        request=ReviseInput,
        responses={200: ProposalOutput, 409: NOT_IN_CONSULTATION},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        proposal = self._proposal()
        data = ReviseInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = _call(
            services.proposal_revise, actor=request.user, proposal=proposal, **data.validated_data
        )
        return self._detail(proposal)

    @operation_doc(
        summary=gettext_lazy("Close the consultation"),
        description=gettext_lazy(
            "Closes the consultation and derives the outcome: endorsed only if no "
            "participating ministry objects and every one has answered (with silent consent, "
            "one that has not answered by the deadline stands aside). Before the deadline only "
            "once every participant has answered."
        ),
        permissions=COORDINATOR_ONLY,
        request=None,
        responses={
            200: ProposalOutput,
            409: conflict(
                gettext_lazy(
                    "The proposal is not in consultation, or the deadline has not passed and "
                    "not every ministry has answered."
                )
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        proposal = _call(services.proposal_close, actor=request.user, proposal=self._proposal())
        return self._detail(proposal)

    @operation_doc(
        summary=gettext_lazy("Withdraw a proposal"),
        description=gettext_lazy("Withdraws a draft or a proposal in consultation."),
        permissions=COORDINATOR_ONLY,
        request=None,
        responses={
            200: ProposalOutput,
            409: conflict(gettext_lazy("The proposal is already closed.")),
        },
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        proposal = _call(services.proposal_withdraw, actor=request.user, proposal=self._proposal())
        return self._detail(proposal)

    @operation_doc(
        summary=gettext_lazy("Escalate a proposal"),
        description=gettext_lazy(
            "Lifts a proposal that was not endorsed to the secretaries general "
            "(departementsrådsgruppen) or to the political level."
        ),
        permissions=COORDINATOR_ONLY,
        request=EscalateInput,
        responses={
            200: ProposalOutput,
            409: conflict(
                gettext_lazy(
                    "The proposal was not closed as not endorsed, or is already escalated to "
                    "this level."
                )
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        proposal = self._proposal()
        data = EscalateInput(data=request.data)
        data.is_valid(raise_exception=True)
        _call(
            services.proposal_escalate, actor=request.user, proposal=proposal, **data.validated_data
        )
        return self._detail(proposal)

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
        _call(_check_may_sign, user=request.user, ministry=ministry)
        data = PositionInput(data=request.data)
        data.is_valid(raise_exception=True)
        _, created = _call(
            services.position_record,
            actor=request.user,
            proposal=proposal,
            ministry=ministry,
            **data.validated_data,
        )
        return self._detail(proposal, status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _check_may_sign(*, user, ministry: Ministry) -> None:
    if not can_sign_for(user=user, ministry=ministry):
        raise DjangoPermissionDenied(
            _("You may not record a position for %(ministry)s.") % {"ministry": ministry}
        )
