"""The portfolio's balance and roadmap: a page of measures at a time, figures for the whole.

The rows, bars and points are those of one page of measures, with previous/next links, so the
pages stay small however large the portfolio; the counts above them (target areas covered,
measures per quarter of the chart, milestones per quarter) are summed over every measure.
"""

import datetime
import re

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from measures.selectors import measure_list
from measures.selectors_portfolio import (
    balance_period,
    criteria_summary,
    quarter_of,
    quarters_from,
    roadmap,
    roadmap_measures,
    roadmap_totals,
)
from portfolio.caching import cached_page
from portfolio.dashboard.charts import quadrants, scatter
from portfolio.models import TargetArea
from portfolio.selectors import coordinating_ministry

PAGE_SIZE = 50


def other_params(request) -> str:
    """The query of this page without its page number, for the links to the other pages."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@method_decorator(cached_page, name="dispatch")
class PortfolioBalanceView(LoginRequiredMixin, TemplateView):
    """Balance: target-area coverage and usefulness (A) against feasibility (C), B as size."""

    template_name = "portfolio/dashboard_balance.html"

    def get_context_data(self, **kwargs):
        ordered = measure_list().order_by("position", "code")
        page = Paginator(ordered, PAGE_SIZE).get_page(self.request.GET.get("page"))
        measures = list(page.object_list)
        areas = list(TargetArea.objects.annotate(measure_count=Count("measures")))
        period = balance_period(self.request.GET.get("period"))
        summary = criteria_summary(period=period)  # every measure: the quadrants sum them all
        coverage = [
            {
                "measure": measure,
                "areas": [area in measure.target_areas.all() for area in areas],
            }
            for measure in measures
        ]
        table = [
            {"measure": measure, "criteria": summary.get(measure.pk, {})}
            for measure in measures
            if measure.pk in summary
        ]
        return {
            **super().get_context_data(**kwargs),
            "areas": areas,
            "area_counts": [(area, area.measure_count) for area in areas],
            "coverage": coverage,
            "page": page,
            "query": other_params(self.request),
            "period": period,
            "chart": scatter(measures, summary),
            "quadrants": quadrants(summary),
            "table": table,
            "coordinator": coordinating_ministry(),
        }


@method_decorator(cached_page, name="dispatch")
class PortfolioRoadmapView(LoginRequiredMixin, TemplateView):
    """Milestones of the measures by quarter, eight quarters from the chosen one."""

    template_name = "portfolio/dashboard_roadmap.html"
    COUNT = 8

    def get_context_data(self, **kwargs):
        start = self._start()
        measures = roadmap_measures(start=start, count=self.COUNT)
        page = Paginator(measures, PAGE_SIZE).get_page(self.request.GET.get("page"))
        data = roadmap(start=start, count=self.COUNT, measures=list(page.object_list))
        earlier = quarters_from((start[0] - 2, start[1]), 1)[0]
        later = quarters_from(start, self.COUNT + 1)[-1]
        return {
            **super().get_context_data(**kwargs),
            **data,
            "totals": roadmap_totals(start=start, count=self.COUNT),
            "page": page,
            "query": other_params(self.request),
            "start": start,
            "earlier": f"{earlier[0]}-Q{earlier[1]}",
            "later": f"{later[0]}-Q{later[1]}",
            "today": timezone.localdate(),
            "current": quarter_of(timezone.localdate()),
        }

    def _start(self) -> tuple[int, int]:
        match = re.fullmatch(r"(\d{4})-Q([1-4])", self.request.GET.get("start", ""))
        if match and 2000 <= int(match[1]) <= 2100:
            return int(match[1]), int(match[2])
        today = timezone.localdate()
        year, quarter = quarter_of(today - datetime.timedelta(days=92))
        return year, quarter
