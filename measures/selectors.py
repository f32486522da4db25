"""Reads of measures and their follow-up, shaped for pages and the API with a fixed query count."""

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
    MeasureTransition,
    Milestone,
    Rag,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from portfolio.models import AuditEvent, Ministry, TargetArea

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
    return Measure.objects.select_related("lead_ministry").prefetch_related("target_areas")


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
        rag_order=Case(
            *[When(latest_rag=rag, then=Value(score)) for rag, score in RAG_SCORE.items()],
            default=None,  # no report: sorted last in either direction
            output_field=IntegerField(),
        ),
    )


def with_trend(measures) -> list[Measure]:
    """Evaluate the overview and attach `trend` to each measure."""
    rows = list(measures)
    for measure in rows:
        measure.trend = trend(measure.latest_rag, measure.previous_rag)
    return rows


def measure_detail(*, code: str) -> Measure:
    """One measure by code with all its follow-up, in a constant number of queries."""
    return (
        measure_list()
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
            Prefetch("milestones", queryset=Milestone.objects.order_by("planned_on", "id")),
            Prefetch("risks", queryset=Risk.objects.select_related("owner_ministry")),
            Prefetch(
                "dependencies",
                queryset=MeasureDependency.objects.select_related("depends_on"),
            ),
            Prefetch("dependents", queryset=MeasureDependency.objects.select_related("measure")),
            Prefetch(
                "benefits",
                queryset=Benefit.objects.prefetch_related(
                    Prefetch("measurements", queryset=BenefitMeasurement.objects.all())
                ),
            ),
            Prefetch("transitions", queryset=MeasureTransition.objects.select_related("actor")),
            "forums",
        )
        .get(code=code)
    )


def report_history(reports) -> list[StatusReport]:
    """Reports newest first, each with the trend against the one before it."""
    rows = list(reports)
    for index, report in enumerate(rows):
        previous = rows[index + 1].rag if index + 1 < len(rows) else None
        report.trend = trend(report.rag, previous)
    return rows


def assessment_table(assessments, *, coordinator: Ministry | None) -> dict:
    """The latest period's assessments of one measure, by criterion, with the spread.

    Returns {"period": period or None, "rows": [{criterion, coordinator, others, spread}]}.
    """
    rows = list(assessments)
    if not rows:
        return {"period": None, "rows": []}
    period = rows[0].period  # newest first
    by_criterion: dict[str, dict] = {}
    for item in rows:
        if item.period_id != period.pk:
            continue
        entry = by_criterion.setdefault(
            item.criterion.code,
            {"criterion": item.criterion, "coordinator": None, "ministries": []},
        )
        if coordinator is not None and item.ministry_id == coordinator.pk:
            entry["coordinator"] = item
        entry["ministries"].append(item)
    for entry in by_criterion.values():
        scores = [item.score for item in entry["ministries"]]
        entry["spread"] = max(scores) - min(scores)
        entry["mean"] = sum(scores) / len(scores)
    return {"period": period, "rows": [by_criterion[code] for code in sorted(by_criterion)]}


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


# Fields the history page leaves out: bookkeeping about sources, not the measure itself.
_HISTORY_HIDDEN = {"id", "sources", "unconfirmed_fields"}
_M2M_LABELS = {"participating_ministries": "ministry", "target_areas": "targetarea"}


def measure_history(*, measure: Measure, limit: int = 50) -> list[dict]:
    """The measure's field changes, newest first: when, who, channel, field, old → new.

    Constant query count: history rows with their users, their many-to-many rows, and
    the labels of ministries and target areas, whatever the number of changes.
    """
    records = list(
        measure.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    ministries = dict(Ministry.objects.values_list("pk", "abbreviation"))
    areas = dict(TargetArea.objects.values_list("pk", "code"))
    labels = {"lead_ministry": ministries, "participating_ministries": ministries}
    labels["target_areas"] = areas
    fields = [field for field in Measure._meta.concrete_fields if field.name not in _HISTORY_HIDDEN]

    def value(record, field) -> str:
        raw = getattr(record, field.attname)
        if field.name in labels:
            return labels[field.name].get(raw, "–") if raw is not None else "–"
        if field.choices:
            return str(dict(field.flatchoices).get(raw, raw))
        return "" if raw is None else str(raw)

    # The many-to-many rows of all these history rows, one query per field.
    history_ids = [record.history_id for record in records]
    m2m_rows: dict[tuple[str, int], list[int]] = {}
    for name, target in _M2M_LABELS.items():
        through = Measure.history.model._meta.get_field(f"historicalmeasure_{name}")
        rows = through.related_model.objects.filter(history_id__in=history_ids)
        for history_id, target_id in rows.values_list("history_id", f"{target}_id"):
            m2m_rows.setdefault((name, history_id), []).append(target_id)

    def m2m(record, name) -> str:
        ids = m2m_rows.get((name, record.history_id), [])
        return ", ".join(sorted(labels[name].get(pk, "?") for pk in ids)) or "–"

    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        for field in fields:
            new = value(record, field)
            old = value(previous, field) if previous else ""
            if previous is None and new in ("", "–"):
                continue
            if new != old:
                changes.append({"field": field.verbose_name, "old": old, "new": new})
        for name in _M2M_LABELS:
            new = m2m(record, name)
            old = m2m(previous, name) if previous else ""
            if new != old and not (previous is None and new == "–"):
                verbose = Measure._meta.get_field(name).verbose_name
                changes.append({"field": verbose, "old": old, "new": new})
        if not changes and record.history_type == "~":
            continue
        user = record.history_user
        entries.append(
            {
                "date": record.history_date,
                "type": record.history_type,
                "user": (user.get_full_name() or user.get_username()) if user else None,
                "channel": _channel_label(record.history_channel),
                "changes": changes,
            }
        )
    return entries


def _channel_label(channel: str) -> str:
    try:
        return str(AuditEvent.Channel(channel).label)
    except ValueError:
        return channel or "–"
