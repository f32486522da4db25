"""Reads of measures and their follow-up, shaped for pages and the API with a fixed query count."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from measures.models import (
    RAG_SCORE,
    Benefit,
    BenefitMeasurement,
    CoreGroup,
    CriteriaAssessment,
    Measure,
    MeasureDependency,
    MeasureLead,
    MeasureTransition,
    Milestone,
    Rag,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from measures.permissions import writable_measure_ids
from portfolio.models import Ministry, TargetArea
from portfolio.selectors import StrategyChoice

LATEST_FIRST = ["-period__year", "-period__sequence"]


def trend(latest: str | None, previous: str | None) -> str | None:
    """'up', 'down' or 'same' from the previous report's RAG to the latest; None without two."""
    if not latest or not previous:
        return None
    change = RAG_SCORE[Rag(latest)] - RAG_SCORE[Rag(previous)]
    if change > 0:
        return "up"
    return "down" if change < 0 else "same"


def measure_list() -> QuerySet[Measure]:
    """Every measure, with what list pages show, in a constant number of queries."""
    areas = TargetArea.objects.select_related("strategy")  # the strategy a measure serves
    return Measure.objects.select_related("lead_ministry").prefetch_related(
        Prefetch("target_areas", queryset=areas)
    )


HOME_LIMIT = 50


def measures_of_ministry(ministry: Ministry | None) -> tuple[list[Measure], int]:
    """The measures a ministry leads or takes part in, the first HOME_LIMIT and the total."""
    if ministry is None:
        return [], 0
    pks = (
        Measure.objects.filter(Q(lead_ministry=ministry) | Q(participating_ministries=ministry))
        .order_by()
        .values("pk")
    )
    measures = measure_list().filter(pk__in=pks).order_by("position", "code")
    return list(measures[:HOME_LIMIT]), measures.count()


def measure_count() -> int:
    return Measure.objects.count()


def measure_overview() -> QuerySet[Measure]:
    """Every measure with its latest report, trend, next milestone and open risks.

    The follow-up figures come from the read model the services keep (MeasureFollowUp),
    joined to the one measure query: the cost does not grow with reports or milestones.
    """
    # The long texts are not shown in lists; leaving them out saves time at hundreds of rows.
    lean = measure_list().defer("sources", "unconfirmed_fields", "description_nb", "description_en")
    return lean.annotate(
        latest_rag=F("follow_up__latest_rag"),
        previous_rag=F("follow_up__previous_rag"),
        latest_confidence=F("follow_up__latest_confidence"),
        next_milestone_title=F("follow_up__next_milestone_title"),
        next_milestone_on=F("follow_up__next_milestone_on"),
        open_risk_count=Coalesce(F("follow_up__open_risk_count"), Value(0)),
        predecessor_code=F("predecessor__code"),
        rag_order=Case(
            *[When(latest_rag=rag, then=Value(score)) for rag, score in RAG_SCORE.items()],
            default=None,  # no report: sorted last in either direction
            output_field=IntegerField(),
        ),
    )


def with_trend(measures: Iterable[Any]) -> list[Measure]:
    # Any: the rows carry the overview's annotations (latest_rag, previous_rag).
    """Evaluate the overview and attach `trend` to each measure."""
    rows = list(measures)
    for measure in rows:
        measure.trend = trend(measure.latest_rag, measure.previous_rag)
    return rows


def measures_in_strategy(measures: QuerySet[Any], choice: StrategyChoice) -> QuerySet[Any]:
    """The measures of the chosen strategy, through their target areas (one subquery, no
    duplicate rows); the latest strategy also shows the measures without a target area."""
    if choice.strategy is None:
        return measures
    own = Q(pk__in=Measure.objects.filter(target_areas__strategy=choice.strategy).values("pk"))
    if choice.latest:
        placed = Measure.objects.filter(target_areas__isnull=False).values("pk")
        own |= ~Q(pk__in=placed)
    return measures.filter(own)


def measure_rows_in_strategy(
    rows: QuerySet[Any], choice: StrategyChoice, *through: str
) -> QuerySet[Any]:
    """The rows (risks, reports, ...) whose measure is in the chosen strategy, reached through
    any of the `through` paths (default: their own `measure`); one subquery."""
    if choice.strategy is None:
        return rows
    chosen = measures_in_strategy(Measure.objects.all(), choice).values("pk")
    belongs = Q()
    for path in through or ("measure",):
        belongs |= Q(**{f"{path}__in": chosen})
    return rows.filter(belongs)


def measure_detail(*, code: str) -> Measure:
    """One measure by code with all its follow-up, in a constant number of queries."""
    return (
        measure_list()
        .select_related("predecessor", "successor")
        .prefetch_related(
            Prefetch(
                "participating_ministries", queryset=Ministry.objects.order_by("abbreviation")
            ),
            Prefetch(
                "core_groups",
                queryset=CoreGroup.objects.select_related("lead_ministry").prefetch_related(
                    "participating_ministries"
                ),
            ),
            Prefetch(
                "reports",
                queryset=StatusReport.objects.select_related("period", "ministry").order_by(
                    *LATEST_FIRST
                ),
            ),
            Prefetch(
                "assessments",
                queryset=CriteriaAssessment.objects.select_related(
                    "criterion", "ministry", "period"
                ).order_by(*LATEST_FIRST, "criterion__code", "ministry__abbreviation"),
            ),
            # One measure's rows: its own ordering by measure (a join) is left out.
            Prefetch("milestones", queryset=Milestone.objects.order_by("planned_on", "id")),
            Prefetch(
                "risks",
                queryset=Risk.objects.select_related("owner_ministry").order_by("status", "-id"),
            ),
            Prefetch(
                "benefits",
                queryset=Benefit.objects.order_by("id").prefetch_related(
                    Prefetch(
                        "measurements",
                        queryset=BenefitMeasurement.objects.order_by("measured_on"),
                    )
                ),
            ),
            Prefetch(
                "transitions",
                queryset=MeasureTransition.objects.select_related("actor").order_by(
                    "-decided_on", "-id"
                ),
            ),
            Prefetch(
                "leads",
                queryset=MeasureLead.objects.select_related("ministry").order_by(
                    F("valid_from").asc(nulls_first=True)
                ),
            ),
            "forums",
        )
        .get(code=code)
    )


def measure_dependencies(measure: Measure) -> tuple[list[Any], list[Any]]:
    """(what the measure depends on, what depends on it), each by the other measure's order;
    one query for both."""
    links = (
        MeasureDependency.objects.filter(Q(measure=measure) | Q(depends_on=measure))
        .select_related("measure", "depends_on")
        .order_by("depends_on__position", "depends_on__code", "measure__position", "measure__code")
    )
    dependencies: list[Any] = []
    dependents: list[Any] = []
    for link in links:
        if link.measure_id == measure.pk:
            dependencies.append(link)
        if link.depends_on_id == measure.pk:
            dependents.append(link)
    return dependencies, dependents


def report_history(reports: Iterable[Any]) -> list[StatusReport]:
    """Reports newest first, each with the trend against the one before it."""
    rows = list(reports)
    for index, report in enumerate(rows):
        previous = rows[index + 1].rag if index + 1 < len(rows) else None
        report.trend = trend(report.rag, previous)
    return rows


def assessment_table(
    assessments: Iterable[CriteriaAssessment], *, coordinator: Ministry | None
) -> dict[str, Any]:
    """The latest period's assessments of one measure, by criterion, with the spread.

    Returns {"period": period or None, "rows": [criteria_rollup entries by criterion code]}.
    """
    rows = list(assessments)
    if not rows:
        return {"period": None, "rows": []}
    period = rows[0].period  # newest first
    latest = [item for item in rows if item.period_id == period.pk]
    entries = [
        entry
        for criteria in criteria_rollup(latest, coordinator=coordinator).values()
        for entry in criteria.values()
    ]
    return {"period": period, "rows": sorted(entries, key=lambda entry: entry["criterion"].code)}


def criteria_rollup(
    assessments: Iterable[CriteriaAssessment], *, coordinator: Ministry | None
) -> dict[int, dict[str, dict[str, Any]]]:
    """Per measure id and criterion code: the assessments and how their scores spread.

    Each entry holds the criterion, its assessments, the coordinating ministry's assessment
    (`coordinator`, None if it has given none), the mean, low, high, count and spread of the
    scores, and the `value` that stands for the measure: the coordinator's score, else the mean.
    """
    rollup: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for item in assessments:
        entry = rollup[item.measure_id].setdefault(
            item.criterion.code,
            {"criterion": item.criterion, "assessments": [], "coordinator": None},
        )
        entry["assessments"].append(item)
        if coordinator is not None and item.ministry_id == coordinator.pk:
            entry["coordinator"] = item
    for criteria in rollup.values():
        for entry in criteria.values():
            scores = [item.score for item in entry["assessments"]]
            mean = sum(scores) / len(scores)
            entry.update(
                mean=mean,
                low=min(scores),
                high=max(scores),
                count=len(scores),
                spread=max(scores) - min(scores),
                value=entry["coordinator"].score if entry["coordinator"] else mean,
            )
    return dict(rollup)


def open_period() -> ReportingPeriod | None:
    """The newest open reporting period, where reports and assessments go now."""
    return ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN).first()


def period_list() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.annotate(report_count=Count("reports"))


def core_group_detail(*, code: str) -> CoreGroup:
    return (
        CoreGroup.objects.select_related("lead_ministry", "measure")
        .prefetch_related(
            "participating_ministries",
            Prefetch(
                "reports",
                queryset=StatusReport.objects.select_related("period", "ministry").order_by(
                    *LATEST_FIRST
                ),
            ),
        )
        .get(code=code)
    )


def recent_periods(*, last: int = 8) -> list[ReportingPeriod]:
    """The last `last` reporting periods, oldest first."""
    return list(ReportingPeriod.objects.order_by("-year", "-sequence")[:last])[::-1]


def open_and_recent_periods(
    *, last: int = 8
) -> tuple[ReportingPeriod | None, list[ReportingPeriod]]:
    """(`open_period()`, `recent_periods(last=last)`) in one query: the newest open period is
    among the last ones, or older than all of them and so read after them."""
    newest = ReportingPeriod.objects.order_by("-year", "-sequence")
    rows = list(
        newest.filter(
            Q(pk__in=newest.values("pk")[:last])
            | Q(pk__in=newest.filter(status=ReportingPeriod.Status.OPEN).values("pk")[:1])
        )
    )
    period = next((row for row in rows if row.status == ReportingPeriod.Status.OPEN), None)
    return period, rows[:last][::-1]


def rag_series(
    measure_ids: list[int], *, last: int = 8
) -> tuple[list[ReportingPeriod], dict[int, list[str | None]]]:
    """The last reporting periods and per measure the RAG of each (None where it did not
    report). Two queries, whatever the number of measures."""
    periods = recent_periods(last=last)
    found = {
        (measure_id, period_id): rag
        for measure_id, period_id, rag in StatusReport.objects.filter(
            measure_id__in=list(measure_ids), period__in=periods
        ).values_list("measure_id", "period_id", "rag")
    }
    return periods, {
        measure_id: [found.get((measure_id, period.pk)) for period in periods]
        for measure_id in measure_ids
    }


def report_forms_open_to(user: Any) -> set[int]:
    """The measures whose status reports the user may write (for pages that list links)."""
    return writable_measure_ids(user=user)
