"""Load the ground floor of the reference data: ministries, coordination, strategy.

Every record is matched on its natural key, so loading twice leaves the same rows.
"""

import re
from typing import Any

from portfolio.models import CoordinationPeriod, Criterion, Ministry, Strategy, TargetArea

Record = dict[str, Any]


def expand_sources(text: str, keys: dict[str, str]) -> str:
    """Append the address of every source key named in the text, one per line."""
    named = [key for key in keys if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text)]
    return "\n".join([text, *(f"{key}: {keys[key]}" for key in named)])


def sourced(record: Record, keys: dict[str, str]) -> Record:
    return {
        "sources": expand_sources(record.get("sources", ""), keys),
        "unconfirmed_fields": list(record.get("unconfirmed", [])),
    }


def load_ministries(records: list[Record], keys: dict[str, str]) -> dict[str, Ministry]:
    ministries: dict[str, Ministry] = {}
    for record in records:
        ministry, _ = Ministry.objects.update_or_create(
            abbreviation=record["abbreviation"],
            defaults={
                "kind": record.get("kind", Ministry.Kind.MINISTRY),
                "name_nb": record["name_nb"],
                "name_nn": record.get("name_nn", ""),
                "name_en": record.get("name_en", ""),
                "valid_from": record.get("valid_from"),
                "valid_to": record.get("valid_to"),
                "predecessor": ministries.get(record.get("predecessor", "")),
                **sourced(record, keys),
            },
        )
        ministries[ministry.abbreviation] = ministry
    return ministries


def load_coordination(records: list[Record], keys: dict[str, str]) -> None:
    for record in records:
        CoordinationPeriod.objects.update_or_create(
            valid_from=record["valid_from"],
            defaults={
                "ministry": Ministry.objects.get(abbreviation=record["ministry"]),
                "valid_to": record.get("valid_to"),
                **sourced(record, keys),
            },
        )


def load_strategy(record: Record, keys: dict[str, str]) -> Strategy:
    fields = [
        "title_nb",
        "title_en",
        "subtitle_nb",
        "subtitle_en",
        "period_start",
        "period_end",
        "overall_goal_nb",
        "overall_goal_en",
        "launched",
    ]
    closed = Strategy.objects.filter(code=record["code"], closed_at__isnull=False).first()
    if closed is not None:  # a closed period stays as it was closed; loading again never reopens it
        return closed
    strategy, _ = Strategy.objects.update_or_create(
        code=record["code"],
        defaults={**{field: record.get(field, "") for field in fields}, **sourced(record, keys)},
    )
    for area in record["target_areas"]:
        TargetArea.objects.update_or_create(
            code=area["code"],
            defaults={
                "strategy": strategy,
                "position": area["position"],
                "name_nb": area["name_nb"],
                "name_nn": area.get("name_nn", ""),
                "name_en": area.get("name_en", ""),
                **sourced(area, keys),
            },
        )
    for criterion in record["criteria"]:
        Criterion.objects.update_or_create(
            strategy=strategy,
            code=criterion["code"],
            defaults={
                "name_nb": criterion["name_nb"],
                "name_nn": criterion.get("name_nn", ""),
                "name_en": criterion.get("name_en", ""),
                **sourced(criterion, keys),
            },
        )
    return strategy


def load(data: Record) -> None:
    keys = data.get("source_keys", {})
    load_ministries(data["ministries"], keys)
    load_coordination(data["coordination_periods"], keys)
    load_strategy(data["strategy"], keys)
