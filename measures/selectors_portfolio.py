"""Portfolio-wide reads of measures: needs attention, criteria balance, roadmap by quarter."""

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from measures.models import (
    CriteriaAssessment,
    Measure,
    MeasureLead,
    Milestone,
    ReportingPeriod,
    Risk,
)
from measures.models.reporting import StatusReport
from measures.reporting_due import reports_owed
from measures.selectors import criteria_rollup
from portfolio.selectors import coordinating_ministry

ATTENTION_LIMIT = 50


def leads_on(day: datetime.date) -> dict[int, int]:
    """Measure id → id of the ministry leading it on the day, from the dated history."""
    return dict(MeasureLead.objects.on(day).values_list("measure_id", "ministry_id"))


def overdue_reports(*, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Active measures without a report in an open period whose due date has passed, where
    their reporting cadence asks for one (`measures.reporting_due`).

    Each row names the ministry that owes it: the measure's lead of `today`. A constant
    number of queries: the periods, the measures, the reports, the cadences, the leads.
    """
    today = today or timezone.localdate()
    periods = list(
        ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN, due_on__lt=today)
    )
    if not periods:
        return []
    measures = list(
        Measure.objects.filter(status=Measure.Status.ACTIVE)
        .only("pk", "code", "name_nb", "name_nn", "name_en", "status", "lead_ministry_id")
        .order_by("position", "code")
    )
    reported = set(
        StatusReport.objects.filter(period__in=periods, measure__isnull=False).values_list(
            "measure_id", "period_id"
        )
    )
    owed = reports_owed(periods=periods, measure_ids=[measure.pk for measure in measures])
    leads = leads_on(today)
    return [
        {
            "measure": measure,
            "period": period,
            "lead_id": leads.get(measure.pk, measure.lead_ministry_id),
        }
        for period in periods
        for measure in measures
        if (measure.pk, period.pk) in owed and (measure.pk, period.pk) not in reported
    ]


def risks_without_response() -> tuple[list[Risk], int]:
    """Open risks nobody has written a response to yet: the first rows and the total."""
    risks = (
        Risk.objects.filter(status=Risk.Status.OPEN)
        .filter(Q(response=""))
        .order_by("measure__position", "measure__code", "id")
    )
    total = risks.count()
    return list(risks.select_related("measure", "owner_ministry")[:ATTENTION_LIMIT]), total


def balance_period(period_id: str | None = None) -> ReportingPeriod | None:
    """The period whose assessments the balance view shows: chosen, or the newest assessed."""
    periods = ReportingPeriod.objects.filter(assessments__isnull=False).distinct()
    if period_id and period_id.isdigit():
        return periods.filter(pk=int(period_id)).first()
    return periods.first()


def criteria_summary(*, period: ReportingPeriod | None) -> dict[int, dict[str, dict[str, Any]]]:
    """Per measure and criterion: the coordinator's score, the mean, the lowest and the highest."""
    if period is None:
        return {}
    assessments = CriteriaAssessment.objects.filter(period=period).select_related("criterion")
    return criteria_rollup(assessments, coordinator=coordinating_ministry())


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarters_from(start: tuple[int, int], count: int) -> list[tuple[int, int]]:
    year, quarter = start
    result = []
    for _ in range(count):
        result.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    next_first = (
        datetime.date(year + 1, 1, 1)
        if last_month == 12
        else datetime.date(year, last_month + 1, 1)
    )
    return first, next_first - datetime.timedelta(days=1)


def _in_range(first: datetime.date, last: datetime.date) -> Q:
    """Milestones whose expected date (actual, else forecast, else plan) falls in the range."""
    return (
        Q(actual_on__range=(first, last))
        | Q(actual_on__isnull=True, forecast_on__range=(first, last))
        | Q(actual_on__isnull=True, forecast_on__isnull=True, planned_on__range=(first, last))
    )


def _range_of(quarters: list[tuple[int, int]]) -> tuple[datetime.date, datetime.date]:
    return quarter_bounds(*quarters[0])[0], quarter_bounds(*quarters[-1])[1]


def roadmap_measures(*, start: tuple[int, int], count: int = 8) -> QuerySet[Measure]:
    """The measures with a milestone in the quarters, in portfolio order (for a paginator)."""
    in_range = Milestone.objects.filter(_in_range(*_range_of(quarters_from(start, count))))
    return Measure.objects.filter(pk__in=in_range.values("measure_id")).order_by("position", "code")


def roadmap_totals(*, start: tuple[int, int], count: int = 8) -> list[dict[str, Any]]:
    """Per quarter, over the whole portfolio: the milestones expected and those reached."""
    quarters = quarters_from(start, count)
    # The date the roadmap places a milestone by, as Milestone.expected_on does in Python.
    placed = Coalesce("actual_on", "forecast_on", "planned_on")
    figures: dict[str, Any] = {}
    for i, quarter in enumerate(quarters):
        within = Q(placed_on__range=quarter_bounds(*quarter))
        figures[f"all{i}"] = Count("pk", filter=within)
        figures[f"reached{i}"] = Count("pk", filter=within & Q(actual_on__isnull=False))
    sums = (
        Milestone.objects.annotate(placed_on=placed)
        .filter(placed_on__range=_range_of(quarters))
        .aggregate(**figures)
    )
    return [
        {"quarter": quarter, "milestones": sums[f"all{i}"], "reached": sums[f"reached{i}"]}
        for i, quarter in enumerate(quarters)
    ]


def roadmap(
    *, start: tuple[int, int], count: int = 8, measures: list[Measure] | None = None
) -> dict[str, Any]:
    """Milestones placed in the quarter of their expected date: of the measures given, or all."""
    quarters = quarters_from(start, count)
    milestones = Milestone.objects.select_related("measure").filter(_in_range(*_range_of(quarters)))
    if measures is not None:
        milestones = milestones.filter(measure__in=measures)
    milestones = milestones.order_by("measure__position", "measure__code", "planned_on")
    rows: dict[int, dict[str, Any]] = {}
    for milestone in milestones:
        row = rows.setdefault(
            milestone.measure_id,
            {"measure": milestone.measure, "cells": {q: [] for q in quarters}},
        )
        row["cells"][quarter_of(milestone.expected_on)].append(milestone)
    return {
        "quarters": quarters,
        "rows": [
            {"measure": row["measure"], "cells": [row["cells"][q] for q in quarters]}
            for row in rows.values()
        ],
    }
