"""The page of a strategy period and the evaluation package's download."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Page, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView, View

from forums.selectors import evaluation_figures as figures
from portfolio.caching import cached_page
from portfolio.evaluation import charts
from portfolio.evaluation.build import package_download, package_path
from portfolio.evaluation.scope import Scope, strategy_by_slug, strategy_slug
from portfolio.evaluation.service import (
    evaluation_package_progress,
    evaluation_package_request,
    may_export_evaluation,
)
from portfolio.models import Strategy
from portfolio.permissions import ensure
from portfolio.strategy_closing import may_close_strategy


def strategy_or_404(slug: str) -> Strategy:
    try:
        return strategy_by_slug(slug)
    except Strategy.DoesNotExist as exc:
        raise Http404 from exc


# Heat map cells per page: with every measure × every reporting period on one page, a period
# of 700 measures made a page of hundreds of kilobytes. The evaluation package has them all.
HEATMAP_CELLS = 600
MEASURES_PER_PAGE = (20, 100)


def measures_per_page(periods: int) -> int:
    """How many measures' rows one page shows: fewer the more reporting periods the strategy
    has, so the page stays about the same size."""
    least, most = MEASURES_PER_PAGE
    return max(least, min(most, HEATMAP_CELLS // max(periods, 1)))


def measures_page(summary: figures.Summary, number: str | None) -> tuple[Page, dict]:
    """One page of the period's measures, and the summary with the heat map and the balance
    of criteria A against C cut to them (counts, decisions and participation stay whole)."""
    matrix = summary["rag_matrix"]
    page = Paginator(matrix["rows"], measures_per_page(len(matrix["periods"]))).get_page(number)
    shown = {row["measure"] for row in page.object_list}
    return page, {
        **summary,
        "rag_matrix": {"periods": matrix["periods"], "rows": list(page.object_list)},
        "criteria_balance": [
            point for point in summary["criteria_balance"] if point["measure"] in shown
        ],
    }


def _follows_a_build(request) -> bool:
    """The page that follows an evaluation package's build changes as the build goes on."""
    return bool(request.GET.get("task"))


@method_decorator(cached_page(unless=_follows_a_build), name="dispatch")
class StrategyPeriodView(LoginRequiredMixin, TemplateView):
    """The whole period at a glance: the figures, four charts and a table behind each; the
    heat map and the balance of criteria page by page of measures."""

    template_name = "portfolio/strategy_period.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.request.GET.get("task", "")
        strategy = strategy_or_404(kwargs["slug"])
        strategy = Strategy.objects.select_related("predecessor", "closed_by").get(pk=strategy.pk)
        page, summary = measures_page(
            figures.summary(Scope(strategy)), self.request.GET.get("page")
        )
        participation = [
            {
                **row,
                # None (shown "–") where there was nothing to answer or attend.
                "answered_share": (
                    charts.share(row["answered"], row["asked"]) if row["asked"] else None
                ),
                "attended_share": (
                    charts.share(row["attended"], row["meetings"]) if row["meetings"] else None
                ),
            }
            for row in summary["participation"]
        ]
        context.update(
            strategy=strategy,
            slug=strategy_slug(strategy),
            strategies=[
                {"slug": strategy_slug(other)}
                for other in Strategy.objects.order_by("-period_start")
            ],
            summary=summary,
            page=page,
            participation=participation,
            outcome_labels=charts.outcome_labels(),
            # Built in Python with plain number formatting: safe to embed, never localised.
            charts={
                name.replace("-", "_"): mark_safe(svg)
                for name, svg in charts.all_charts(summary).items()
            },
            may_export=may_export_evaluation(self.request.user),
            may_close=may_close_strategy(self.request.user),
            successor=Strategy.objects.filter(predecessor=strategy).first(),
            package_ready=package_path(strategy).exists(),
            task=self.request.GET.get("task", ""),
            progress=(
                evaluation_package_progress(actor=self.request.user, task_id=task)
                if (task := self.request.GET.get("task", ""))
                and may_export_evaluation(self.request.user)
                else {}
            ),
        )
        return context


class EvaluationPackageStartView(LoginRequiredMixin, View):
    """POST: build the package in the background (coordinator and secretariat)."""

    def post(self, request, slug: str):
        strategy = strategy_or_404(slug)
        task = evaluation_package_request(actor=request.user, strategy=strategy)
        page = reverse("portfolio:strategy-period", args=[strategy_slug(strategy)])
        return redirect(f"{page}?task={task}#evaluering")


class EvaluationPackageStatusView(LoginRequiredMixin, View):
    """GET ?task=<id>: the build's progress as JSON."""

    def get(self, request, slug: str):
        strategy_or_404(slug)
        task = request.GET.get("task", "")
        return JsonResponse(evaluation_package_progress(actor=request.user, task_id=task))


class EvaluationPackageProgressView(LoginRequiredMixin, View):
    """GET ?task=<id>: the build's progress as a part of the period page, which asks for it
    every two seconds; the answer 286 tells the page to stop asking once the build is over."""

    def get(self, request, slug: str):
        strategy = strategy_or_404(slug)
        progress = evaluation_package_progress(
            actor=request.user, task_id=request.GET.get("task", "")
        )
        response = render(
            request,
            "portfolio/partials/_evaluation_progress.html",
            {"progress": progress, "slug": strategy_slug(strategy)},
        )
        if progress["state"] in ("SUCCESS", "FAILURE"):
            response.status_code = 286  # htmx: stop polling
        return response


class EvaluationPackageDownloadView(LoginRequiredMixin, View):
    """The latest package built, as a zip file."""

    def get(self, request, slug: str):
        strategy = strategy_or_404(slug)
        ensure(may_export_evaluation(request.user))
        return package_download(strategy)
