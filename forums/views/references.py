"""POST a ministry's own reference on a proposal or on minutes, from their pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from forums.forms.records import ReferenceForm
from forums.models import Minutes
from forums.records_access import reference_ministry_id
from forums.services.records import ministry_reference_set
from forums.views.common import page_with, run_form
from forums.views.minutes import MinutesView
from forums.views.proposals import ProposalDetailView, _get_proposal
from portfolio.models import Ministry

SAVED = gettext_lazy("Your ministry's own reference was saved.")


def _own_ministry(request) -> Ministry:
    ministry_id = reference_ministry_id(request.user)
    if ministry_id is None:
        raise PermissionDenied(_("Only an admin head of the ministry may record its reference."))
    return Ministry.objects.get(pk=ministry_id)


class ProposalReferenceView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        proposal = _get_proposal(request, pk)
        ministry = _own_ministry(request)
        return run_form(
            request,
            ReferenceForm(request.POST),
            lambda data: ministry_reference_set(
                actor=request.user, ministry=ministry, proposal=proposal, **data
            ),
            success=str(SAVED),
            back=reverse("proposals:detail", args=[pk]),
            page=lambda form: ProposalDetailView.render_page(
                request, proposal, forms={"reference": form}
            ),
        )


class MinutesReferenceView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        minutes = get_object_or_404(Minutes, pk=pk)
        ministry = _own_ministry(request)
        return run_form(
            request,
            ReferenceForm(request.POST),
            lambda data: ministry_reference_set(
                actor=request.user, ministry=ministry, minutes=minutes, **data
            ),
            success=str(SAVED),
            back=reverse("forums:minutes", args=[minutes.meeting_id]),
            page=page_with(MinutesView, request, {"pk": minutes.meeting_id}, "reference_form"),
        )
