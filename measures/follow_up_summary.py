"""Keeps the follow-up read model (MeasureFollowUp) in step with reports, milestones and risks.

The services that save those call `follow_up_refresh` in their transaction. The figures are
computed from the rows themselves, so a refresh is always right whatever changed; the data
migration and the data generator use the same function on every measure.
"""

from collections.abc import Iterable
from types import SimpleNamespace

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

FIELDS = [
    "latest_rag",
    "previous_rag",
    "latest_confidence",
    "next_milestone_title",
    "next_milestone_on",
    "open_risk_count",
]


def current_models() -> SimpleNamespace:
    from measures.models import Measure, MeasureFollowUp, Milestone, Risk, StatusReport

    return SimpleNamespace(
        Measure=Measure,
        MeasureFollowUp=MeasureFollowUp,
        Milestone=Milestone,
        Risk=Risk,
        StatusReport=StatusReport,
    )


def follow_up_refresh(measure_ids: Iterable[int] | None = None, *, models=None) -> int:
    """Recompute the summary of the given measures (all when None); returns how many.

    Locks the measures' rows first, so two transactions refreshing the same measure run one
    after the other and the second one computes from what the first committed.
    """
    models = models or current_models()
    measures = models.Measure.objects.all()
    if measure_ids is not None:
        measures = measures.filter(pk__in=list(measure_ids))
        list(measures.select_for_update().order_by("pk").values_list("pk", flat=True))
    reports = models.StatusReport.objects.filter(measure=OuterRef("pk")).order_by(
        "-period__year", "-period__sequence"
    )
    upcoming = (
        models.Milestone.objects.filter(measure=OuterRef("pk"), actual_on__isnull=True)
        .annotate(expected=Coalesce("forecast_on", "planned_on"))
        .order_by("expected", "id")
    )
    open_risks = (
        models.Risk.objects.filter(measure=OuterRef("pk"), status="open")
        .order_by()
        .values("measure")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = measures.annotate(
        latest_rag=Subquery(reports.values("rag")[:1]),
        previous_rag=Subquery(reports.values("rag")[1:2]),
        latest_confidence=Subquery(reports.values("confidence")[:1]),
        next_milestone_title=Subquery(upcoming.values("title")[:1]),
        next_milestone_on=Subquery(upcoming.values("expected")[:1]),
        open_risk_count=Coalesce(Subquery(open_risks, output_field=IntegerField()), Value(0)),
    ).values("pk", *FIELDS)
    summaries = [
        models.MeasureFollowUp(measure_id=row.pop("pk"), **row) for row in rows.order_by("pk")
    ]
    models.MeasureFollowUp.objects.bulk_create(
        summaries,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["measure"],
        update_fields=[*FIELDS, "updated_at"],
    )
    return len(summaries)
