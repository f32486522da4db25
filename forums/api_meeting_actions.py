"""The secretariat's changes to a meeting as POST actions: move, cancel, reinstate, mark held;
and the advice a held meeting of a service forum or core group gives a proposal.

Each calls the same service as the meeting's page, which decides who may and in which state.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from forums.api import MeetingOutputSerializer, MeetingViewSet
from forums.api_proposal_output import ProposalOutput
from forums.api_proposals import DeadlineField
from forums.models import Meeting, Proposal
from forums.models.proposals import TEXT_MAX
from forums.permissions import can_plan_meetings, may_give_advice
from forums.services import meetings as services
from forums.services.meeting_advice import advice_from_meeting
from portfolio.api_docs import conflict, operation_doc
from portfolio.api_fields import refuse_nul
from portfolio.permissions import ensure

PLANNERS = _("Only the secretariat and portal administrators; others get 403.")
NOT_PLANNER = _("Only the secretariat may change meetings.")
ADVISERS = _("Only the coordinator and the secretariat; others get 403.")


class RescheduleInput(serializers.Serializer):
    # DeadlineField: DRF's field, refusing a time in the first hours of year 1 with a 400.
    starts_at = DeadlineField(help_text=_("The new start of the meeting."))
    ends_at = DeadlineField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The new end; left out, the meeting keeps its length."),
    )
    place = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        validators=[refuse_nul],
        help_text=_("Where the meeting is held; left out, the place stays as it is."),
    )


class MeetingAdviceInput(serializers.Serializer):
    proposal = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.all(),
        help_text=_("Numeric id of the proposal in Strategisk forum the advice is on."),
    )
    text = serializers.CharField(max_length=TEXT_MAX, validators=[refuse_nul])


class MeetingActionViewSet(MeetingViewSet):
    """The meetings, read by everyone; each action answers with the meeting as it now is."""

    def _done(self, meeting: Meeting) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)

    @operation_doc(
        summary=_("Move a meeting"),
        description=_(
            "Moves this year's meeting to a new time and, if given, a new place; the annual "
            "wheel stays as it is. Calendars see a new revision. Answers with the meeting."
        ),
        permissions=PLANNERS,
        request=RescheduleInput,
        responses={
            200: MeetingOutputSerializer,
            409: conflict(_("Only a meeting that has not been held can be moved.")),
        },
    )
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        meeting = self.get_object()
        if not can_plan_meetings(request.user):  # 403 before anything about the input
            raise PermissionDenied(NOT_PLANNER)
        data = RescheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_reschedule(
            actor=request.user, meeting=meeting, **data.validated_data
        )
        return self._done(meeting)

    @operation_doc(
        summary=_("Cancel a meeting"),
        description=_(
            "Cancels this year's meeting only; the annual wheel keeps the slot for the years "
            "to come. Answers with the meeting."
        ),
        permissions=PLANNERS,
        request=None,
        responses={
            200: MeetingOutputSerializer,
            409: conflict(_("Only a meeting that has not been held can be cancelled.")),
        },
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting = self.get_object()
        return self._done(services.meeting_cancel(actor=request.user, meeting=meeting))

    @operation_doc(
        summary=_("Reinstate a cancelled meeting"),
        description=_(
            "Undoes a cancellation while the meeting is still ahead; it is planned again. "
            "Answers with the meeting."
        ),
        permissions=PLANNERS,
        request=None,
        responses={
            200: MeetingOutputSerializer,
            409: conflict(_("The meeting is not cancelled, or it would already have started.")),
        },
    )
    @action(detail=True, methods=["post"])
    def reinstate(self, request, pk=None):
        meeting = self.get_object()
        return self._done(services.meeting_reinstate(actor=request.user, meeting=meeting))

    @operation_doc(
        summary=_("Mark a meeting as held"),
        description=_(
            "Records that the meeting took place, once it has started; its minutes can then "
            "be drafted. Answers with the meeting."
        ),
        permissions=PLANNERS,
        request=None,
        responses={
            200: MeetingOutputSerializer,
            409: conflict(_("The meeting is not planned, or it has not started yet.")),
        },
    )
    @action(detail=True, methods=["post"], url_path="mark-held")
    def mark_held(self, request, pk=None):
        meeting = self.get_object()
        return self._done(services.meeting_mark_held(actor=request.user, meeting=meeting))

    @operation_doc(
        summary=_("Give a meeting's advice on a proposal"),
        description=_(
            "Records the advice a held meeting of a service forum or a core group gives on a "
            "draft or a proposal in consultation in Strategisk forum, naming the meeting it came "
            "out of, as the meeting's page does. Answers with the proposal."
        ),
        permissions=ADVISERS,
        request=MeetingAdviceInput,
        responses={
            201: ProposalOutput,
            409: conflict(
                _("The meeting has not been held, or the proposal is closed or withdrawn.")
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def advice(self, request, pk=None):
        meeting = self.get_object()
        # Who may give advice is answered before anything about the input is revealed.
        ensure(
            may_give_advice(request.user),
            _("Only the coordinator or the secretariat may add advice."),
        )
        data = MeetingAdviceInput(data=request.data)
        data.is_valid(raise_exception=True)
        advice = advice_from_meeting(actor=request.user, meeting=meeting, **data.validated_data)
        proposal = Proposal.objects.select_related("forum").get(pk=advice.proposal_id)
        return Response(ProposalOutput(proposal).data, status=status.HTTP_201_CREATED)
