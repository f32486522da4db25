"""Reporting periods: everyone sees them; the coordinator opens and closes them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from measures import forms
from measures.models import ReportingPeriod
from measures.permissions import can_coordinate_follow_up
from measures.selectors import period_list
from measures.services.periods import period_close, period_open
from measures.views.base import ServiceFormView
from portfolio.page_errors import service_refusals


class PeriodListView(LoginRequiredMixin, ListView):
    template_name = "measures/period_list.html"
    context_object_name = "periods"

    def get_queryset(self):
        return period_list()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "is_coordinator": can_coordinate_follow_up(self.request.user),
        }


class PeriodCreateView(ServiceFormView):
    form_class = forms.PeriodForm
    title = _("New reporting period")
    success_message = _("The reporting period is opened.")

    def allowed(self) -> bool:
        return can_coordinate_follow_up(self.request.user)

    def perform(self, data):
        period_open(actor=self.request.user, **data)

    def get_success_url(self) -> str:
        return reverse("measures:period-list")


class PeriodCloseView(LoginRequiredMixin, View):
    """POST only: close the period (its reports become read-only)."""

    def post(self, request, pk: int):
        if not can_coordinate_follow_up(request.user):
            raise PermissionDenied
        period = get_object_or_404(ReportingPeriod, pk=pk)
        with service_refusals() as refused:
            period_close(actor=request.user, period=period)
        if refused:
            return HttpResponse(refused.message, status=409 if refused.wrong_state else 400)
        messages.success(request, _("The reporting period is closed."))
        return redirect("measures:period-list")
