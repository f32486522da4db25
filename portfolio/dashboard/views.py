"""Dashboard pages. They only read, through the measures and forums selectors."""

import datetime
import re
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from forums.selectors.follow_up import follow_up_actions_owed
from forums.selectors.proposals import waiting_for_user
from measures.selectors import (
    measure_overview,
    measures_in_strategy,
    rag_series,
    report_forms_open_to,
    with_trend,
)
from measures.selectors_portfolio import (
    balance_period,
    criteria_summary,
    overdue_reports,
    quarter_of,
    quarters_from,
    risks_without_response,
    roadmap,
)
from portfolio.caching import cached_page
from portfolio.dashboard import export
from portfolio.dashboard.charts import scatter
from portfolio.dashboard.filters import PortfolioFilterForm
from portfolio.models import TargetArea
from portfolio.permissions import is_administrator, is_coordinator, ministry_of
from portfolio.selectors import StrategyChoice, coordinating_ministry, page_strategy_choice

PAGE_SIZE = 50
SORT_COLUMNS = ["code", "name", "lead", "status", "rag", "confidence", "milestone", "risks"]
COLUMN_LABELS = [
    _("Code"),
    _("Measure"),
    _("Lead ministry"),
    _("Lifecycle"),  # "RAG" reads "Status" in bokmål: one column per word
    _("RAG"),
    _("Confidence"),
    _("Next milestone"),
    _("Open risks"),
]


def strategy_measures(request) -> tuple[StrategyChoice, QuerySet[Any]]:
    """The overview of the strategy chosen with `?strategy=` (the current one by default)."""
    choice = page_strategy_choice(request.GET.get("strategy"))
    return choice, measures_in_strategy(measure_overview(), choice)


def overview(request) -> tuple[PortfolioFilterForm, list]:
    form = PortfolioFilterForm(request.GET or None)
    return form, with_trend(form.apply(strategy_measures(request)[1]))


def sort_links(request, form: PortfolioFilterForm) -> dict[str, dict]:
    """Per column: the URL that sorts by it (toggling direction) and its aria-sort state."""
    current = form.current_sort
    links = {}
    for column in SORT_COLUMNS:
        params = request.GET.copy()
        params.pop("page", None)  # a new order starts on the first page
        active = current.lstrip("-") == column
        descending = current.startswith("-")
        params["sort"] = f"-{column}" if active and not descending else column
        state = ("descending" if descending else "ascending") if active else "none"
        links[column] = {"url": "?" + params.urlencode(), "state": state}
    return links


@method_decorator(cached_page, name="dispatch")
class PortfolioDashboardView(LoginRequiredMixin, TemplateView):
    """The portfolio overview with filters, sorting and what needs attention."""

    template_name = "portfolio/dashboard.html"
    paginate = True

    def get_context_data(self, **kwargs):
        form = PortfolioFilterForm(self.request.GET or None)
        choice, measures_shown = strategy_measures(self.request)
        filtered = form.apply(measures_shown)
        page = None
        if self.paginate:
            page = Paginator(filtered, PAGE_SIZE).get_page(self.request.GET.get("page"))
            measures = with_trend(page.object_list)
        else:
            measures = with_trend(filtered)
        trend_periods, series = rag_series([measure.pk for measure in measures])
        for measure in measures:
            measure.rag_points = series[measure.pk]
        risks, risk_total = risks_without_response()
        params = self.request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "measures": measures,
            "page": page,
            "total": page.paginator.count if page else len(measures),
            "sort_links": sort_links(self.request, form),
            "columns": list(zip(SORT_COLUMNS, COLUMN_LABELS, strict=True)),
            "overdue": overdue_reports(),
            "trend_periods": trend_periods,
            # Overdue reports link to the form only for those who may write it.
            "writable_measure_ids": report_forms_open_to(self.request.user),
            "red_measures": list(measures_shown.filter(latest_rag="red").order_by("code")),
            "strategy_choice": choice,
            "unanswered_risks": risks,
            "unanswered_risk_total": risk_total,
            "query": query,
            "may_create_measure": is_coordinator(self.request.user)
            or is_administrator(self.request.user),
            "today": timezone.localdate(),
            "waiting": waiting_for_user(self.request.user),
            "follow_up_actions": follow_up_actions_owed(ministry=ministry_of(self.request.user)),
        }


class PortfolioPrintView(PortfolioDashboardView):
    """The same overview laid out for paper: no navigation, no filters, all rows."""

    template_name = "portfolio/dashboard_print.html"
    paginate = False


class PortfolioExportView(LoginRequiredMixin, View):
    """The filtered overview as an Excel workbook or a CSV file."""

    def get(self, request, fmt: str):
        __, measures = overview(request)
        if fmt == "xlsx":
            return export.xlsx_response(measures)
        return export.csv_response(measures)


@method_decorator(cached_page, name="dispatch")
class PortfolioBalanceView(LoginRequiredMixin, TemplateView):
    """Balance: target-area coverage and usefulness (A) against feasibility (C), B as size."""

    template_name = "portfolio/dashboard_balance.html"

    def get_context_data(self, **kwargs):
        measures = list(measure_overview().order_by("position", "code"))
        areas = list(TargetArea.objects.all())
        period = balance_period(self.request.GET.get("period"))
        summary = criteria_summary(period=period)
        coverage = [
            {
                "measure": measure,
                "areas": [area in measure.target_areas.all() for area in areas],
            }
            for measure in measures
        ]
        counts = [sum(1 for row in coverage if row["areas"][i]) for i in range(len(areas))]
        table = [
            {"measure": measure, "criteria": summary.get(measure.pk, {})}
            for measure in measures
            if measure.pk in summary
        ]
        return {
            **super().get_context_data(**kwargs),
            "areas": areas,
            "area_counts": list(zip(areas, counts, strict=True)),
            "coverage": coverage,
            "period": period,
            "chart": scatter(measures, summary),
            "table": table,
            "coordinator": coordinating_ministry(),
        }


@method_decorator(cached_page, name="dispatch")
class PortfolioRoadmapView(LoginRequiredMixin, TemplateView):
    """Milestones of all measures by quarter, eight quarters from the chosen one."""

    template_name = "portfolio/dashboard_roadmap.html"
    COUNT = 8

    def get_context_data(self, **kwargs):
        start = self._start()
        data = roadmap(start=start, count=self.COUNT)
        earlier = quarters_from((start[0] - 2, start[1]), 1)[0]
        later = quarters_from(start, self.COUNT + 1)[-1]
        return {
            **super().get_context_data(**kwargs),
            **data,
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
