"""Load the forums, the measures they cover and Strategisk forum's seats. Safe to repeat."""

from typing import Any

from forums.models import Forum, ForumSeat, LegalBasis
from measures.models import Measure
from portfolio.models import Ministry
from portfolio.reference_data import sourced

Record = dict[str, Any]


def load(data: Record) -> None:
    load_legal_bases(data)
    keys = data.get("source_keys", {})
    for record in data["forums"]:
        secretariat = record.get("secretariat")
        forum, _ = Forum.objects.update_or_create(
            code=record["code"],
            defaults={
                "slug": record["slug"],
                "kind": record["kind"],
                "name_nb": record["name_nb"],
                "name_nn": record.get("name_nn", ""),
                "name_en": record.get("name_en", ""),
                "role_nb": record.get("role_nb", ""),
                "role_en": record.get("role_en", ""),
                "advisory_only": record["advisory_only"],
                "secretariat": Ministry.objects.get(abbreviation=secretariat)
                if secretariat
                else None,
                "meetings_per_year": record.get("meetings_per_year"),
                **sourced(record, keys),
            },
        )
        forum.measures.set(Measure.objects.filter(code__in=record.get("measures", [])))
        if record.get("seats") == "owners":
            # Every ministry and SMK, past and present, holds a seat while it exists.
            for ministry in Ministry.objects.owners():
                ForumSeat.objects.get_or_create(forum=forum, ministry=ministry)


def load_legal_bases(data: Record) -> None:
    """The controlled list of legal bases, matched on code; an administrator may edit the rest."""
    keys = data.get("source_keys", {})
    for record in data.get("legal_bases", []):
        LegalBasis.objects.update_or_create(
            code=record["code"],
            defaults={
                "citation": record["citation"],
                "label_nb": record["label_nb"],
                "label_en": record.get("label_en", ""),
                **sourced(record, keys),
            },
        )
