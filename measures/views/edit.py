"""Follow-up form pages of a measure: status report, milestones, risks, benefits, lifecycle.

The assessment page is `measures.views.assessment`.
"""

from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures import forms
from measures.decisions import decision_gate
from measures.models import Benefit, Measure, Milestone, ReportingPeriod, Risk, StatusReport
from measures.permissions import (
    can_coordinate_follow_up,
    can_write_measure,
    may_correct_measure,
)
from measures.services.benefits import benefit_measurement_record, benefit_save
from measures.services.delivery import (
    MILESTONE_FIELDS,
    RISK_FIELDS,
    dependency_add,
    milestone_save,
    risk_save,
)
from measures.services.lifecycle import allowed_transitions, measure_transition
from measures.services.reports import REPORT_FIELDS, status_report_submit
from measures.views.base import ServiceFormView
from portfolio.types import Text


class MeasureFormView(ServiceFormView):
    """A form about one measure, written by its lead ministry."""

    def load(self) -> None:
        self.measure = get_object_or_404(
            Measure.objects.select_related("lead_ministry"), code=self.kwargs["code"]
        )

    def allowed(self) -> bool:
        return can_write_measure(user=self.request.user, measure=self.measure)

    def correcting(self) -> bool:
        if not hasattr(self, "_correcting"):
            self._correcting = may_correct_measure(user=self.request.user, measure=self.measure)
        return self._correcting

    def get_success_url(self) -> str:
        return self.measure.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "measure": self.measure}


class StatusReportEditView(MeasureFormView):
    """Write or revise the measure's report for a period; closed periods are read-only (409)."""

    form_class = forms.StatusReportForm
    success_message = _("The status report is saved.")

    def load(self) -> None:
        super().load()
        self.period = get_object_or_404(ReportingPeriod, pk=self.kwargs["period"])
        self.report = StatusReport.objects.filter(measure=self.measure, period=self.period).first()
        self.title = _("Status report %(period)s: %(code)s %(name)s") % {
            "period": self.period,
            "code": self.measure.code,
            "name": self.measure.name,
        }

    def get_initial(self):
        return model_to_dict(self.report, REPORT_FIELDS) if self.report else {}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.read_only_reason():
            response.status_code = 409
        return response

    def read_only_reason(self) -> Text:
        if self.period.is_open or (self.report is not None and self.correcting()):
            return ""  # a correction revises a report given, also of a closed period
        return _("The reporting period is closed; its reports are read-only.")

    def perform(self, data):
        status_report_submit(
            actor=self.request.user, period=self.period, measure=self.measure, **data
        )


class MilestoneEditView(MeasureFormView):
    form_class = forms.MilestoneForm
    success_message = _("The milestone is saved.")

    def load(self) -> None:
        super().load()
        pk = self.kwargs.get("pk")
        self.milestone = get_object_or_404(Milestone, pk=pk, measure=self.measure) if pk else None
        self.title = _("Milestone of %(code)s") % {"code": self.measure.code}

    def get_initial(self):
        return model_to_dict(self.milestone, MILESTONE_FIELDS) if self.milestone else {}

    def perform(self, data):
        milestone_save(
            actor=self.request.user, measure=self.measure, milestone=self.milestone, **data
        )


class RiskEditView(MeasureFormView):
    form_class = forms.RiskForm
    success_message = _("The risk is saved.")

    def load(self) -> None:
        super().load()
        pk = self.kwargs.get("pk")
        self.risk = get_object_or_404(Risk, pk=pk, measure=self.measure) if pk else None
        self.title = _("Risk of %(code)s") % {"code": self.measure.code}

    def get_initial(self):
        if self.risk:
            return model_to_dict(self.risk, RISK_FIELDS)
        return {"owner_ministry": self.measure.lead_ministry_id}

    def perform(self, data):
        risk_save(actor=self.request.user, measure=self.measure, risk=self.risk, **data)


class DependencyAddView(MeasureFormView):
    form_class = forms.DependencyForm
    success_message = _("The dependency is saved.")

    def load(self) -> None:
        super().load()
        self.title = _("Dependency of %(code)s") % {"code": self.measure.code}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "measure": self.measure}

    def perform(self, data):
        dependency_add(actor=self.request.user, measure=self.measure, **data)


class BenefitEditView(MeasureFormView):
    form_class = forms.BenefitForm
    success_message = _("The benefit is saved.")

    def load(self) -> None:
        super().load()
        pk = self.kwargs.get("pk")
        self.benefit = get_object_or_404(Benefit, pk=pk, measure=self.measure) if pk else None
        self.title = _("Benefit of %(code)s") % {"code": self.measure.code}

    def get_initial(self):
        return model_to_dict(self.benefit, forms.BenefitForm.Meta.fields) if self.benefit else {}

    def perform(self, data):
        benefit_save(actor=self.request.user, measure=self.measure, benefit=self.benefit, **data)


class MeasurementView(MeasureFormView):
    form_class = forms.MeasurementForm
    success_message = _("The measured value is saved.")

    def load(self) -> None:
        super().load()
        self.benefit = get_object_or_404(Benefit, pk=self.kwargs["pk"], measure=self.measure)
        self.title = _("Measured value: %(benefit)s") % {"benefit": self.benefit.title}

    def get_initial(self):
        return {"measured_on": timezone.localdate()}

    def perform(self, data):
        benefit_measurement_record(actor=self.request.user, benefit=self.benefit, **data)


class TransitionView(MeasureFormView):
    """The coordinator moves the measure to its next lifecycle status."""

    success_message = _("The status of the measure is changed.")

    def load(self) -> None:
        super().load()
        self.title = _("Change the status of %(code)s") % {"code": self.measure.code}

    def allowed(self) -> bool:
        return can_coordinate_follow_up(self.request.user) or self.correcting()

    def build_form(self, form_class=None):
        return forms.TransitionForm(
            allowed=allowed_transitions(self.measure),
            decisions=decision_gate().choices(self.measure),
            **self.get_form_kwargs(),
        )

    def get_initial(self):
        return {"decided_on": timezone.localdate()}

    def perform(self, data):
        measure_transition(actor=self.request.user, measure=self.measure, **data)
