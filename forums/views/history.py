"""The "History" tabs of a proposal, a meeting and a forum: field changes of it and its parts."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from forums.models import (
    AgendaItem,
    AnnualWheel,
    Attendance,
    Forum,
    ForumMembership,
    ForumSeat,
    Meeting,
    Minutes,
    MinutesApproval,
    MinutesEntry,
    Position,
    Proposal,
    ReviewComment,
    WheelSlot,
)
from forums.records_access import screen_titles, unreadable_version_ids
from forums.selectors.meetings import forum_detail, meeting_detail
from forums.selectors.proposals import proposal_detail
from portfolio.audit_log.field_history import history_entries

# The proposal's fields that hold the document itself, left out for a reader who may not read it.
SCREENED_FIELDS = ("title", "text")


class ObjectHistoryView(LoginRequiredMixin, TemplateView):
    """A "History" tab: the field changes of one object and its parts, newest first."""

    context_object_name = ""

    def get_object(self) -> Any:
        raise NotImplementedError

    def sources(self, obj: Any) -> list[tuple[str, Any]]:
        """(label, history queryset) pairs: the object's own history and that of its parts."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        obj = self.get_object()
        return {
            **super().get_context_data(**kwargs),
            self.context_object_name: obj,
            "entries": history_entries(self.sources(obj)),
        }


class ProposalHistoryView(ObjectHistoryView):
    """Changes to the proposal, its positions and position changes."""

    template_name = "forums/proposals/history.html"
    context_object_name = "proposal"

    def get_object(self) -> Proposal:
        try:
            return proposal_detail(user=self.request.user, pk=self.kwargs["pk"])
        except Proposal.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal, user = context["proposal"], self.request.user
        screened = screen_titles(user, [proposal]) or unreadable_version_ids(user, proposal)
        if screened:
            # Earlier titles and texts would show what the screened title hides.
            hidden = {str(Proposal._meta.get_field(name).verbose_name) for name in SCREENED_FIELDS}
            entries = []
            for entry in context["entries"]:
                changes = [change for change in entry["changes"] if change["field"] not in hidden]
                if changes or entry["type"] != "~":
                    entries.append({**entry, "changes": changes})
            context["entries"] = entries
        return context

    def sources(self, proposal):
        return [
            (_("Proposal"), proposal.history.all()),
            # Not PositionChange: it repeats every recording the positions' history shows.
            (_("Position"), Position.history.filter(proposal_id=proposal.pk)),
        ]


class MeetingHistoryView(ObjectHistoryView):
    """Changes to the meeting, its agenda items, attendance and minutes."""

    template_name = "forums/meeting_history.html"
    context_object_name = "meeting"

    def get_object(self) -> Meeting:
        try:
            return meeting_detail(pk=self.kwargs["pk"])
        except Meeting.DoesNotExist as exc:
            raise Http404 from exc

    def sources(self, meeting):
        # Every version of the minutes, corrections included.
        minutes = Minutes.history.filter(meeting_id=meeting.pk).values("id")
        return [
            (_("Meeting"), meeting.history.all()),
            (_("Agenda item"), AgendaItem.history.filter(meeting_id=meeting.pk)),
            (_("Attendance"), Attendance.history.filter(meeting_id=meeting.pk)),
            (_("Minutes"), Minutes.history.filter(meeting_id=meeting.pk)),
            (_("Minutes entry"), MinutesEntry.history.filter(minutes_id__in=minutes)),
            (_("Review comment"), ReviewComment.history.filter(minutes_id__in=minutes)),
            (_("Answer on the minutes"), MinutesApproval.history.filter(minutes_id__in=minutes)),
        ]


class ForumHistoryView(ObjectHistoryView):
    """Changes to the forum, its seats, members, annual wheel and wheel slots."""

    template_name = "forums/forum_history.html"
    context_object_name = "forum"

    def get_object(self) -> Forum:
        try:
            return forum_detail(slug=self.kwargs["slug"])
        except Forum.DoesNotExist as exc:
            raise Http404 from exc

    def sources(self, forum):
        wheels = AnnualWheel.history.filter(forum_id=forum.pk)
        return [
            (_("Forum"), forum.history.all()),
            (_("Seat"), ForumSeat.history.filter(forum_id=forum.pk)),
            (_("Member"), ForumMembership.history.filter(forum_id=forum.pk)),
            (_("Annual wheel"), wheels),
            (_("Wheel slot"), WheelSlot.history.filter(wheel_id__in=wheels.values("id"))),
        ]
