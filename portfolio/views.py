from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView, TemplateView

from measures.selectors import measure_list
from portfolio.models import Ministry
from portfolio.selectors import coordinating_ministry, current_strategy


class HomeView(LoginRequiredMixin, TemplateView):
    """The start page: the strategy, its target areas and the measures of the portfolio."""

    template_name = "portfolio/home.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "strategy": current_strategy(),
            "measures": measure_list(),
            "coordinator": coordinating_ministry(),
        }


class MinistryListView(LoginRequiredMixin, ListView):
    """Every ministry, past and present, with its validity and what it became."""

    template_name = "portfolio/ministry_list.html"
    context_object_name = "ministries"

    def get_queryset(self):
        return Ministry.objects.select_related("predecessor").order_by("kind", "abbreviation")
