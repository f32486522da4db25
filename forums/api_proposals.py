"""The proposals API: the public contract of consensus endorsement under /api/v1/proposals/."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from forums.api_advice import AdviceActions
from forums.api_positions import NOT_IN_CONSULTATION, PositionActions
from forums.api_proposal_output import MEASURE_CODES, ProposalListOutput, ProposalOutput
from forums.models import Escalation, Proposal
from forums.models.proposals import REASON_MAX, TEXT_MAX, TITLE_MAX
from forums.permissions import ensure_may_prepare_proposals
from forums.selectors.proposals import proposal_register
from forums.services import proposals as services
from measures.models import Measure
from portfolio.api_docs import conflict, operation_doc, rejected
from portfolio.api_fields import (
    STRATEGY_PARAMETER,
    SlugRelatedField,
    refuse_nul,
    strategy_parameter,
)
from portfolio.caching import CachedListMixin

COORDINATOR_ONLY = gettext_lazy(
    "Only the coordinator (coordinator role, in the coordinating ministry); others get 403."
)


class DeadlineField(serializers.DateTimeField):
    """DRF lets an OverflowError out for a time in the first hours of year 1; refuse it."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except OverflowError:
            self.fail("overflow")


class ProposalCreateInput(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, validators=[refuse_nul])
    text = serializers.CharField(max_length=TEXT_MAX, validators=[refuse_nul])
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


class ReviseInput(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, validators=[refuse_nul])
    title = serializers.CharField(
        max_length=TITLE_MAX,
        required=False,
        allow_blank=True,
        validators=[refuse_nul],
        help_text=gettext_lazy("Leave out, or leave empty, to keep the title."),
    )
    answers = serializers.DictField(
        child=serializers.CharField(max_length=REASON_MAX, validators=[refuse_nul]),
        required=False,
        default=dict,
        help_text=gettext_lazy(
            "Per objecting ministry (its abbreviation), how the revision answers its "
            "objection; the objection is then resolved as answered by the revision."
        ),
    )


class EscalateInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=Escalation.Level.choices)
    note = serializers.CharField(
        max_length=REASON_MAX, required=False, allow_blank=True, default="", validators=[refuse_nul]
    )


@extend_schema_view(
    list=operation_doc(
        summary=gettext_lazy("List proposals"),
        description=gettext_lazy(
            "The register of proposals to the forums, newest first. Filter by forum, year, "
            "measure, status and words in the title or text, and choose the strategy period "
            "(the current one by default)."
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
            STRATEGY_PARAMETER,
        ],
    ),
    retrieve=operation_doc(
        summary=gettext_lazy("Get a proposal"),
        description=gettext_lazy(
            "One proposal with its text, each participating ministry's position on the "
            "current version, and the objections resolved and how; once closed, also which "
            "ministries objected, had not answered or stood aside by silent consent."
        ),
        permissions=gettext_lazy(
            "Any logged-in user. A draft is shown only to the coordinator and the secretariat; "
            "others get 404 for it."
        ),
    ),
)
class ProposalViewSet(
    CachedListMixin, PositionActions, AdviceActions, viewsets.ReadOnlyModelViewSet
):
    """Proposals to a forum and the ministries' positions. Drafts are seen by coordinators only."""

    def get_queryset(self):
        params = self.request.query_params
        if self.action == "list":  # the filters; a NUL in any of them is refused (400)
            for name in ("forum", "measure", "status", "q"):
                refuse_nul(params.get(name, ""), field=name)
        year = params.get("year", "")
        if self.action != "list" or getattr(self, "swagger_fake_view", False):
            # One proposal is found by its id whatever its strategy; the schema reads none.
            return proposal_register(user=self.request.user)
        return proposal_register(
            strategy=strategy_parameter(self.request),
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
            "Drafts a proposal with the next number in the forum's register: to the forum the "
            "measures it covers name for their decisions, else to Strategisk forum. Only the "
            "coordinator and the secretariat see it until it is opened."
        ),
        permissions=COORDINATOR_ONLY,
        request=ProposalCreateInput,
        responses={201: ProposalOutput},
    )
    def create(self, request):
        ensure_may_prepare_proposals(request.user)  # 403 before anything about the input
        data = ProposalCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.proposal_create(actor=request.user, **data.validated_data)
        return self._detail(proposal, status.HTTP_201_CREATED)

    @operation_doc(
        summary=gettext_lazy("Open the consultation"),
        description=gettext_lazy(
            "Opens the draft for consultation. Its participants are recorded and asked for "
            "their positions: the named ministries when every measure it covers names them "
            "(the measure's governance), otherwise every ministry with a seat in the forum."
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
        proposal = services.proposal_open(actor=request.user, proposal=self._proposal())
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
        ensure_may_prepare_proposals(request.user)
        data = ReviseInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.proposal_revise(
            actor=request.user, proposal=proposal, **data.validated_data
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
        proposal = services.proposal_close(actor=request.user, proposal=self._proposal())
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
        proposal = services.proposal_withdraw(actor=request.user, proposal=self._proposal())
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
        ensure_may_prepare_proposals(request.user)
        data = EscalateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.proposal_escalate(actor=request.user, proposal=proposal, **data.validated_data)
        return self._detail(proposal)
