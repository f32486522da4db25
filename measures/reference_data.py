"""Load the seven measures and the five core groups. Safe to repeat: matched on code."""

import datetime
from typing import Any

from django.utils import timezone

from measures.models import CoreGroup, Measure, MeasureLead
from portfolio.models import Ministry, TargetArea
from portfolio.reference_data import sourced

Record = dict[str, Any]


def load(data: Record) -> None:
    keys = data.get("source_keys", {})
    ministries = {m.abbreviation: m for m in Ministry.objects.all()}
    areas = {a.code: a for a in TargetArea.objects.all()}
    # The measures of a closed strategy period stay as they were closed.
    closed = set(
        Measure.objects.filter(target_areas__strategy__closed_at__isnull=False).values_list(
            "code", flat=True
        )
    )
    for record in data["measures"]:
        if record["code"] in closed:
            continue
        measure, _ = Measure.objects.update_or_create(
            code=record["code"],
            defaults={
                "position": record["position"],
                "name_nb": record["name_nb"],
                "name_nn": record.get("name_nn", ""),
                "name_en": record.get("name_en", ""),
                "lead_ministry": _lead_today(record, ministries),
                "status": record.get("status", Measure.Status.PROPOSED),
                **sourced(record, keys),
            },
        )
        measure.target_areas.set([areas[code] for code in record["target_areas"]])
        measure.participating_ministries.set(
            [ministries[code] for code in record.get("participants", [])]
        )
        _load_leads(measure, _leads(record), ministries)
    for record in data["core_groups"]:
        if record["measure"] in closed and CoreGroup.objects.filter(code=record["code"]).exists():
            continue
        group, _ = CoreGroup.objects.update_or_create(
            code=record["code"],
            defaults={
                "measure": Measure.objects.get(code=record["measure"]),
                "short_name": record.get("short_name", ""),
                "name_nb": record["name_nb"],
                "name_nn": record.get("name_nn", ""),
                "full_name_nb": record.get("full_name_nb", ""),
                "name_en": record.get("name_en", ""),
                "lead_ministry": ministries.get(record.get("lead") or ""),
                "started": record.get("started", ""),
                **sourced(record, keys),
            },
        )
        group.participating_ministries.set(
            [ministries[code] for code in record.get("participants", [])]
        )


def _leads(record: Record) -> list[Record]:
    return record.get("leads") or [{"ministry": record["lead"]}]


def _lead_today(record: Record, ministries: dict[str, Ministry]) -> Ministry:
    today = timezone.localdate()
    for lead in _leads(record):
        start, end = lead.get("valid_from"), lead.get("valid_to")
        if (start is None or start <= today) and (end is None or end >= today):
            return ministries[lead["ministry"]]
    return ministries[_leads(record)[-1]["ministry"]]


def _load_leads(measure: Measure, leads: list[Record], ministries: dict[str, Ministry]) -> None:
    """The dated history of the data; left alone once the portal has recorded a later lead."""
    last_start: datetime.date | None = leads[-1].get("valid_from")
    later = measure.leads.exclude(valid_from=None)
    if last_start is not None:
        later = later.filter(valid_from__gt=last_start)
    if later.exists():
        return
    for lead in leads:
        MeasureLead.objects.update_or_create(
            measure=measure,
            valid_from=lead.get("valid_from"),
            defaults={"ministry": ministries[lead["ministry"]], "valid_to": lead.get("valid_to")},
        )
