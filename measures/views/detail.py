"""The measure page: facts, status report history, assessments, milestones, risks, benefits."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from measures.decisions import decision_gate
from measures.models import Measure
from measures.permissions import (
    can_assess,
    can_coordinate_follow_up,
    can_write_measure,
    may_correct_measure,
    strategy_of_measure,
)
from measures.reporting_due import reports_owed
from measures.sections import measure_sections
from measures.selectors import (
    assessment_table,
    measure_dependencies,
    measure_detail,
    open_and_recent_periods,
    report_history,
)
from measures.services.lifecycle import allowed_transitions
from portfolio.caching import cached_page
from portfolio.selectors import coordinating_ministry


@method_decorator(cached_page, name="dispatch")
class MeasureDetailView(LoginRequiredMixin, DetailView):
    """One measure with all of its follow-up; write links only for those who may write."""

    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        try:
            return measure_detail(code=self.kwargs["code"])
        except Measure.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        measure = self.object
        user = self.request.user
        coordinator = coordinating_ministry()
        period, periods = open_and_recent_periods()  # the reports are in `history` already
        history = report_history(measure.reports.all())
        rag_of = {report.period_id: report.rag for report in history}
        changes = list(measure.transitions.all())
        links = decision_gate().links([change.pk for change in changes]) if changes else {}
        for change in changes:
            change.decision_link = links.get(change.pk)
        strategy = strategy_of_measure(measure)
        open_ = strategy is None or strategy.closed_at is None
        correcting = may_correct_measure(user=user, measure=measure)
        dependencies, dependents = measure_dependencies(measure)
        return {
            "trend_periods": periods,
            "trend_rags": [rag_of.get(period.pk) for period in periods],
            **super().get_context_data(**kwargs),
            "history": history,
            "latest": history[0] if history else None,
            "open_period": period,
            "open_period_report": next(
                (r for r in history if period and r.period_id == period.pk), None
            ),
            # Whether the measure's reporting cadence asks for a report in the open period.
            "open_period_owed": bool(
                period and reports_owed(periods=[period], measure_ids=[measure.pk])
            ),
            "assessments": assessment_table(measure.assessments.all(), coordinator=coordinator),
            "coordinator": coordinator,
            # A closed period's records only the secretariat corrects: no write links for others.
            "can_write": can_write_measure(user=user, measure=measure) and (open_ or correcting),
            "can_assess": can_assess(user=user) and open_,
            "is_coordinator": can_coordinate_follow_up(user),
            "can_correct": correcting,
            "transitions": allowed_transitions(measure),
            "strategy": strategy,
            "leads": list(measure.leads.all()),
            "dependencies": dependencies,
            "dependents": dependents,
            "sections": measure_sections(measure, user),
        }
