"""POST of a meeting's advice to a proposal in Strategisk forum."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from forums.forms.forum_admin import MeetingAdviceForm
from forums.models import Meeting
from forums.permissions import may_give_advice
from forums.services.meeting_advice import advice_from_meeting
from forums.views.common import page_with, run_form
from forums.views.meetings import MeetingDetailView


class MeetingAdviceView(LoginRequiredMixin, View):
    """POST: the coordinator or the secretariat records the meeting's advice on a proposal."""

    def post(self, request, pk: int):
        meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)
        if not may_give_advice(request.user):
            raise PermissionDenied
        return run_form(
            request,
            MeetingAdviceForm(request.POST),
            lambda data: advice_from_meeting(actor=request.user, meeting=meeting, **data),
            success=_("The advice is attached to the proposal."),
            back=reverse("forums:meeting-detail", args=[pk]),
            page=page_with(MeetingDetailView, request, {"pk": pk}, "advice_form"),
        )
