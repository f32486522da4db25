"""The proposals API: the public contract of consensus endorsement under /api/v1/proposals/."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from forums.exceptions import WrongState
from forums.models import Escalation, PositionChoice, Proposal
from forums.models.proposals import REASON_MAX, TEXT_MAX, TITLE_MAX
from forums.permissions import can_sign_for
from forums.selectors.proposals import proposal_positions, proposal_register
from forums.services import proposals as services
from measures.models import Measure
from portfolio.models import Ministry


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise serializers.ValidationError(
            "The text contains a NUL character, which is not allowed."
        )
    return value


class ProposalCreateInput(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, validators=[_no_nul])
    text = serializers.CharField(max_length=TEXT_MAX, validators=[_no_nul])
    deadline = serializers.DateTimeField()
    silent_consent = serializers.BooleanField(required=False, default=False)
    measures = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Measure.objects.all()
    )


class PositionInput(serializers.Serializer):
    position = serializers.ChoiceField(choices=PositionChoice.choices)
    reason = serializers.CharField(
        max_length=REASON_MAX, required=False, allow_blank=True, default="", validators=[_no_nul]
    )

    def validate(self, attrs):
        if attrs["position"] == PositionChoice.OBJECT and not attrs.get("reason", "").strip():
            raise serializers.ValidationError({"reason": _("An objection must give a reason.")})
        return attrs


class ReviseInput(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, validators=[_no_nul])
    title = serializers.CharField(
        max_length=TITLE_MAX, required=False, allow_blank=True, validators=[_no_nul]
    )


class EscalateInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=Escalation.Level.choices)
    note = serializers.CharField(
        max_length=REASON_MAX, required=False, allow_blank=True, default="", validators=[_no_nul]
    )


class PositionOutput(serializers.Serializer):
    ministry = serializers.CharField(source="ministry.abbreviation")
    position = serializers.CharField(source="position.position", default=None)
    reason = serializers.CharField(source="position.reason", default=None)
    recorded_by = serializers.CharField(source="position.recorded_by.username", default=None)
    recorded_at = serializers.DateTimeField(source="position.recorded_at", default=None)


class ProposalListOutput(serializers.ModelSerializer):
    forum = serializers.CharField(source="forum.slug")
    register_number = serializers.CharField(read_only=True)
    measures = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

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


class ProposalOutput(ProposalListOutput):
    positions = serializers.SerializerMethodField()
    amends = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

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
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        raise exceptions.ValidationError(detail) from exc


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposals to a forum and the ministries' positions. Drafts are seen by coordinators only."""

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("year", "")
        return proposal_register(
            user=self.request.user,
            forum=params.get("forum", ""),
            year=int(year) if year.isdigit() else None,
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

    @extend_schema(request=ProposalCreateInput, responses={201: ProposalOutput})
    def create(self, request):
        data = ProposalCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = _call(services.proposal_create, actor=request.user, **data.validated_data)
        return self._detail(proposal, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ProposalOutput)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        proposal = _call(services.proposal_open, actor=request.user, proposal=self._proposal())
        return self._detail(proposal)

    @extend_schema(request=ReviseInput, responses=ProposalOutput)
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        proposal = self._proposal()
        data = ReviseInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = _call(
            services.proposal_revise, actor=request.user, proposal=proposal, **data.validated_data
        )
        return self._detail(proposal)

    @extend_schema(request=None, responses=ProposalOutput)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        proposal = _call(services.proposal_close, actor=request.user, proposal=self._proposal())
        return self._detail(proposal)

    @extend_schema(request=None, responses=ProposalOutput)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        proposal = _call(services.proposal_withdraw, actor=request.user, proposal=self._proposal())
        return self._detail(proposal)

    @extend_schema(request=EscalateInput, responses=ProposalOutput)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        proposal = self._proposal()
        data = EscalateInput(data=request.data)
        data.is_valid(raise_exception=True)
        _call(
            services.proposal_escalate, actor=request.user, proposal=proposal, **data.validated_data
        )
        return self._detail(proposal)

    @extend_schema(
        request=PositionInput,
        responses={200: ProposalOutput, 201: ProposalOutput},
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
