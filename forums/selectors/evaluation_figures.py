"""The figures of a strategy period: counts, RAG per measure and period, criteria A against C,
decisions per year by outcome and participation per ministry.

The period page, the API summary and the evaluation package's charts all use these, so the
package and the portal cannot disagree.
"""

from collections import defaultdict

from django.db.models import Avg, Count, F, Q

from forums.selectors import evaluation_rows as rows
from portfolio.evaluation.scope import Scope

DECISION_OUTCOMES = ("endorsed", "not_endorsed", "withdrawn")


def counts(scope: Scope) -> dict[str, int]:
    """Rows per table of the package."""
    from forums.models import Minutes, MinutesEntry, Position
    from measures.models import Benefit, CriteriaAssessment, Milestone, Risk, StatusReport

    measures = rows.scope_measures(scope)
    meetings = rows.meetings_in(scope)
    return {
        "measures": measures.count(),
        "status_reports": StatusReport.objects.filter(
            measure__in=measures, period__year__in=scope.years
        ).count(),
        "assessments": CriteriaAssessment.objects.filter(
            measure__in=measures, criterion__strategy=scope.strategy, period__year__in=scope.years
        ).count(),
        "milestones": Milestone.objects.filter(measure__in=measures).count(),
        "risks": Risk.objects.filter(measure__in=measures).count(),
        "benefits": Benefit.objects.filter(measure__in=measures).count(),
        "proposals": rows.proposals_in(scope).count(),
        "positions": Position.objects.filter(proposal__in=rows.proposals_in(scope)).count(),
        "meetings": meetings.count(),
        "minutes": Minutes.objects.filter(meeting__in=meetings).count(),
        "follow_up_actions": MinutesEntry.objects.filter(
            minutes__meeting__in=meetings, kind=MinutesEntry.Kind.FOLLOW_UP
        ).count(),
    }


def rag_matrix(scope: Scope) -> dict:
    """Every measure × every reporting period of the strategy's years: the RAG, or None."""
    from measures.models import ReportingPeriod, StatusReport

    periods = list(
        ReportingPeriod.objects.filter(year__in=scope.years).order_by("year", "sequence")
    )
    measures = list(rows.scope_measures(scope).order_by("position", "code").values("pk", "code"))
    cells: dict[tuple[int, int], str] = {}
    reports = StatusReport.objects.filter(
        measure__in=rows.scope_measures(scope), period__in=periods
    ).values_list("measure_id", "period_id", "rag")
    for measure_id, period_id, rag in reports.iterator(chunk_size=rows.CHUNK):
        cells[(measure_id, period_id)] = rag
    return {
        "periods": [str(period) for period in periods],
        "rows": [
            {
                "measure": m["code"],
                "rag": [cells.get((m["pk"], period.pk)) for period in periods],
            }
            for m in measures
        ],
    }


def criteria_balance(scope: Scope) -> list[dict]:
    """Per measure, the mean score on A (useful) and C (feasible) over the whole period."""
    from measures.models import CriteriaAssessment

    means = (
        CriteriaAssessment.objects.filter(
            measure__in=rows.scope_measures(scope),
            criterion__strategy=scope.strategy,
            criterion__code__in=("A", "C"),
            period__year__in=scope.years,
        )
        .values("measure__code", "criterion__code")
        .annotate(mean=Avg("score"), n=Count("id"))
    )
    by_measure: dict[str, dict] = defaultdict(dict)
    for row in means:
        by_measure[row["measure__code"]][row["criterion__code"]] = round(float(row["mean"]), 2)
    return [
        {"measure": code, "a": values["A"], "c": values["C"]}
        for code, values in sorted(by_measure.items())
        if "A" in values and "C" in values
    ]


def decisions_per_year(scope: Scope) -> list[dict]:
    """Closed proposals per year by outcome (endorsed, not endorsed, withdrawn)."""
    table = {year: dict.fromkeys(DECISION_OUTCOMES, 0) for year in scope.years}
    grouped = (
        rows.proposals_in(scope)
        .filter(status__in=DECISION_OUTCOMES)
        .values("year", "status")
        .annotate(n=Count("id"))
    )
    for row in grouped:
        table[row["year"]][row["status"]] = row["n"]
    return [{"year": year, **outcomes} for year, outcomes in table.items()]


def participation(scope: Scope) -> list[dict]:
    """Per ministry: proposals it was asked about and answered by the deadline, and meetings
    it attended (present or by deputy) out of the meetings with its attendance recorded."""
    from forums.models import Attendance, Position, Proposal
    from portfolio.models import Ministry

    asked = (
        Proposal.participants.through.objects.filter(
            proposal__in=rows.proposals_in(scope).filter(opened_at__isnull=False)
        )
        .values("ministry_id")
        .annotate(n=Count("proposal_id", distinct=True))
    )
    answered = (
        Position.objects.filter(
            proposal__in=rows.proposals_in(scope), recorded_at__lte=F("proposal__deadline")
        )
        .values("ministry_id")
        .annotate(n=Count("proposal_id", distinct=True))
    )
    attendance = (
        Attendance.objects.filter(meeting__in=rows.meetings_in(scope))
        .values("ministry_id")
        .annotate(
            recorded=Count("id"),
            attended=Count("id", filter=Q(status__in=("present", "deputy"))),
        )
    )
    figures: dict[int, dict] = defaultdict(
        lambda: {"asked": 0, "answered": 0, "meetings": 0, "attended": 0}
    )
    for row in asked:
        figures[row["ministry_id"]]["asked"] = row["n"]
    for row in answered:
        figures[row["ministry_id"]]["answered"] = row["n"]
    for row in attendance:
        figures[row["ministry_id"]]["meetings"] = row["recorded"]
        figures[row["ministry_id"]]["attended"] = row["attended"]
    names = dict(Ministry.objects.filter(pk__in=figures).values_list("pk", "abbreviation"))
    return sorted(
        ({"ministry": names[pk], **values} for pk, values in figures.items()),
        key=lambda row: row["ministry"],
    )


def summary(scope: Scope) -> dict:
    """Everything the period page, the API and the charts show."""
    return {
        "strategy": scope.slug,
        "code": scope.strategy.code,
        "years": [scope.strategy.period_start, scope.strategy.period_end],
        "counts": counts(scope),
        "rag_matrix": rag_matrix(scope),
        "criteria_balance": criteria_balance(scope),
        "decisions_per_year": decisions_per_year(scope),
        "participation": participation(scope),
    }
