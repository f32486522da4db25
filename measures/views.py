from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from measures.models import Measure
from measures.selectors import measure_detail, measure_history


class MeasureDetailView(LoginRequiredMixin, DetailView):
    """One measure: lead, participants, target areas, the forums that cover it, core groups."""

    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        try:
            return measure_detail(code=self.kwargs["code"])
        except Measure.DoesNotExist as exc:
            raise Http404 from exc


class MeasureHistoryView(LoginRequiredMixin, TemplateView):
    """The "History" tab: every recorded field change of the measure, newest first."""

    template_name = "measures/measure_history.html"

    def get_context_data(self, **kwargs):
        measure = get_object_or_404(Measure, code=self.kwargs["code"])
        return {
            **super().get_context_data(**kwargs),
            "measure": measure,
            "entries": measure_history(measure=measure),
        }
