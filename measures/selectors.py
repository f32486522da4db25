"""Reads of measures and core groups, shaped for pages and the API with a fixed query count."""

from django.db.models import Prefetch, QuerySet

from measures.models import CoreGroup, Measure
from portfolio.models import AuditEvent, Ministry, TargetArea


def measure_list() -> QuerySet[Measure]:
    """Every measure, with what list pages show, in a constant number of queries."""
    return Measure.objects.select_related("lead_ministry").prefetch_related("target_areas")


def measure_detail(*, code: str) -> Measure:
    """One measure by code with its ministries, target areas and core groups."""
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
