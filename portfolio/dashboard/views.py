"""Dashboard pages. They only read, through the measures and forums selectors."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.template.loader import render_to_string
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
    overdue_reports,
    risks_without_response,
)
from portfolio.caching import cached_page
from portfolio.dashboard import export
from portfolio.dashboard.filters import PortfolioFilterForm
from portfolio.fragments import cached_part
from portfolio.permissions import is_administrator, is_coordinator, ministry_of
from portfolio.selectors import StrategyChoice, page_strategy_choice

PAGE_SIZE = 50
# Rows of one printed part: a larger portfolio prints part by part (or downloads as one file).
PRINT_PAGE_SIZE = 80
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
    page_size = PAGE_SIZE

    def portfolio_context(self) -> dict[str, Any]:
        """What the filters and the portfolio give: the same for every reader."""
        form = PortfolioFilterForm(self.request.GET or None)
        choice, measures_shown = strategy_measures(self.request)
        filtered = form.apply(measures_shown)
        page = None
        if self.paginate:
            page = Paginator(filtered, self.page_size).get_page(self.request.GET.get("page"))
            measures = with_trend(page.object_list)
        else:
            measures = with_trend(filtered)
        trend_periods, series = rag_series([measure.pk for measure in measures])
        for measure in measures:
            measure.rag_points = series[measure.pk]  # type: ignore[attr-defined]
        risks, risk_total = risks_without_response()
        params = self.request.GET.copy()
        params.pop("page", None)
        return {
            "request": self.request,
            "form": form,
            "measures": measures,
            "page": page,
            "total": page.paginator.count if page else len(measures),
            "sort_links": sort_links(self.request, form),
            "columns": list(zip(SORT_COLUMNS, COLUMN_LABELS, strict=True)),
            "overdue": overdue_reports(),
            "trend_periods": trend_periods,
            "red_measures": list(measures_shown.filter(latest_rag="red").order_by("code")),
            "strategy_choice": choice,
            "unanswered_risks": risks,
            "unanswered_risk_total": risk_total,
            "query": params.urlencode(),
            "today": timezone.localdate(),
        }

    def reader_context(self) -> dict[str, Any]:
        """What depends on the reader: their rights, their ministry's waiting proposals."""
        user = self.request.user
        return {
            # Overdue reports link to the form only for those who may write it.
            "writable_measure_ids": report_forms_open_to(user),
            "may_create_measure": is_coordinator(user) or is_administrator(user),
            "waiting": waiting_for_user(user),
            "follow_up_actions": follow_up_actions_owed(ministry=ministry_of(user)),
        }

    def get_context_data(self, **kwargs):
        reader = self.reader_context()
        # The portfolio parts are rendered once for every reader with the same filters and
        # kept until a table they read changes; the reader's parts are rendered per request.
        writable = ",".join(map(str, sorted(reader["writable_measure_ids"])))
        rendered = cached_part(
            "dashboard",
            [self.request.GET.urlencode(), writable],
            lambda: self.portfolio_parts(reader["writable_measure_ids"]),
        )
        return {**super().get_context_data(**kwargs), **reader, **rendered}

    def portfolio_parts(self, writable_measure_ids) -> dict[str, Any]:
        context = {**self.portfolio_context(), "writable_measure_ids": writable_measure_ids}
        return {
            "strategy_choice": context["strategy_choice"],
            "attention_html": render_to_string(
                "portfolio/partials/_dashboard_attention.html", context
            ),
            "overview_html": render_to_string(
                "portfolio/partials/_dashboard_overview.html", context
            ),
        }


class PortfolioPrintView(PortfolioDashboardView):
    """The same overview laid out for paper, with the dashboard's filters and no navigation.

    Up to PRINT_PAGE_SIZE measures print at once; more print in parts with links between them,
    and the page offers the whole as one PDF or Excel file. The figures under "Needs attention"
    are those of the whole portfolio in every part.
    """

    template_name = "portfolio/dashboard_print.html"
    page_size = PRINT_PAGE_SIZE

    def get_context_data(self, **kwargs):
        return {
            **TemplateView.get_context_data(self, **kwargs),
            **self.portfolio_context(),
            **self.reader_context(),
        }


class PortfolioExportView(LoginRequiredMixin, View):
    """The filtered overview as an Excel workbook or a CSV file."""

    def get(self, request, fmt: str):
        __, measures = overview(request)
        if fmt == "xlsx":
            return export.xlsx_response(measures)
        return export.csv_response(measures)
