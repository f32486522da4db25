"""The History tab of a measure."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from measures.models import Measure
from portfolio.audit_log.field_history import history_entries


class MeasureHistoryView(LoginRequiredMixin, TemplateView):
    """The "History" tab: every recorded field change of the measure, newest first."""

    template_name = "measures/measure_history.html"

    def get_context_data(self, **kwargs):
        measure = get_object_or_404(Measure, code=self.kwargs["code"])
        return {
            **super().get_context_data(**kwargs),
            "measure": measure,
            "entries": history_entries([(_("Measure"), measure.history.all())]),
        }
