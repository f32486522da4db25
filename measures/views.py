from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import DetailView

from measures.models import Measure
from measures.selectors import measure_detail


class MeasureDetailView(LoginRequiredMixin, DetailView):
    """One measure: lead, participants, target areas, the forums that cover it, core groups."""

    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        try:
            return measure_detail(code=self.kwargs["code"])
        except Measure.DoesNotExist as exc:
            raise Http404 from exc
