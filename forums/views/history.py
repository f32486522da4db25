"""The "History" tabs of a proposal and a meeting: field changes of the object and its parts."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from forums.models import AgendaItem, Attendance, Meeting, Position, PositionChange, Proposal
from forums.selectors.meetings import meeting_detail
from forums.selectors.proposals import proposal_detail
from portfolio.history import history_entries


class ProposalHistoryView(LoginRequiredMixin, TemplateView):
    """Changes to the proposal, its positions and position changes, newest first."""

    template_name = "forums/proposals/history.html"

    def get_context_data(self, **kwargs):
        try:
            proposal = proposal_detail(user=self.request.user, pk=self.kwargs["pk"])
        except Proposal.DoesNotExist as exc:
            raise Http404 from exc
        sources = [
            (_("Proposal"), proposal.history.all()),
            (_("Position"), Position.history.filter(proposal_id=proposal.pk)),
            (_("Position change"), PositionChange.history.filter(proposal_id=proposal.pk)),
        ]
        return {
            **super().get_context_data(**kwargs),
            "proposal": proposal,
            "entries": history_entries(sources),
        }


class MeetingHistoryView(LoginRequiredMixin, TemplateView):
    """Changes to the meeting, its agenda items and attendance, newest first."""

    template_name = "forums/meeting_history.html"

    def get_context_data(self, **kwargs):
        try:
            meeting = meeting_detail(pk=self.kwargs["pk"])
        except Meeting.DoesNotExist as exc:
            raise Http404 from exc
        sources = [
            (_("Meeting"), meeting.history.all()),
            (_("Agenda item"), AgendaItem.history.filter(meeting_id=meeting.pk)),
            (_("Attendance"), Attendance.history.filter(meeting_id=meeting.pk)),
        ]
        return {
            **super().get_context_data(**kwargs),
            "meeting": meeting,
            "entries": history_entries(sources),
        }
