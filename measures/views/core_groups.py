"""Core groups: mandate, status and status reports, like a measure."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from measures import forms
from measures.models import CoreGroup, ReportingPeriod, StatusReport
from measures.permissions import can_coordinate_follow_up, can_write_core_group
from measures.selectors import core_group_detail, open_period, report_history
from measures.services.core_groups import core_group_update
from measures.services.reports import REPORT_FIELDS, status_report_submit
from measures.views.base import ServiceFormView
from portfolio.types import Text


class CoreGroupDetailView(LoginRequiredMixin, DetailView):
    template_name = "measures/core_group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        try:
            return core_group_detail(code=self.kwargs["code"])
        except CoreGroup.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        group, user = self.object, self.request.user
        return {
            **super().get_context_data(**kwargs),
            "history": report_history(group.reports.all()),
            "open_period": open_period(),
            "can_write": can_write_core_group(user=user, group=group),
            "can_edit": (
                can_write_core_group(user=user, group=group) or can_coordinate_follow_up(user)
            ),
        }


class CoreGroupFormMixin:
    kwargs: dict[str, Any]

    def load(self) -> None:
        self.group = get_object_or_404(
            CoreGroup.objects.select_related("lead_ministry"), code=self.kwargs["code"]
        )

    def get_success_url(self) -> str:
        return self.group.get_absolute_url()


class CoreGroupEditView(CoreGroupFormMixin, ServiceFormView):
    form_class = forms.CoreGroupForm
    success_message = _("The core group is saved.")

    def load(self) -> None:
        super().load()
        self.title = _("Mandate and status of %(name)s") % {"name": self.group.name}

    def allowed(self) -> bool:
        user = self.request.user
        return can_write_core_group(user=user, group=self.group) or can_coordinate_follow_up(user)

    def get_initial(self):
        return model_to_dict(self.group, forms.CoreGroupForm.Meta.fields)

    def perform(self, data):
        core_group_update(actor=self.request.user, group=self.group, **data)


class CoreGroupReportView(CoreGroupFormMixin, ServiceFormView):
    form_class = forms.StatusReportForm
    success_message = _("The status report is saved.")

    def load(self) -> None:
        super().load()
        self.period = get_object_or_404(ReportingPeriod, pk=self.kwargs["period"])
        self.report = StatusReport.objects.filter(core_group=self.group, period=self.period).first()
        self.title = _("Status report %(period)s: %(name)s") % {
            "period": self.period,
            "name": self.group.name,
        }

    def allowed(self) -> bool:
        return can_write_core_group(user=self.request.user, group=self.group)

    def get_initial(self):
        return model_to_dict(self.report, REPORT_FIELDS) if self.report else {}

    def read_only_reason(self) -> Text:
        if not self.period.is_open:
            return _("The reporting period is closed; its reports are read-only.")
        return ""

    def perform(self, data):
        status_report_submit(
            actor=self.request.user, period=self.period, core_group=self.group, **data
        )
