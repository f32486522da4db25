"""Load the forums, the measures they cover and Strategisk forum's seats. Safe to repeat."""

from typing import Any

from forums.models import Forum, ForumSeat, LegalBasis
from measures.models import CoreGroup, Measure
from portfolio.models import Ministry
from portfolio.reference_data import sourced

Record = dict[str, Any]


def load(data: Record) -> None:
    load_legal_bases(data)
    load_forums(data)
    load_core_group_forums(data)


def load_forums(data: Record) -> None:
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
        seed_chair_and_mandate(forum, record)
        if record.get("seats") == "owners":
            # Every ministry and SMK, past and present, holds a seat while it exists.
            for ministry in Ministry.objects.owners():
                ForumSeat.objects.get_or_create(forum=forum, ministry=ministry)


def seed_chair_and_mandate(forum: Forum, record: Record) -> None:
    """Fill the chair and mandate from the sources once; the secretariat's edits stay."""
    chair = record.get("chair_ministry")
    if chair and forum.chair_ministry_id is None:
        forum.chair_ministry = Ministry.objects.get(abbreviation=chair)
    for field in ("chair_title_nb", "chair_title_en", "mandate_nb", "mandate_en"):
        if record.get(field) and not getattr(forum, field):
            setattr(forum, field, record[field])
    forum.save()


def load_core_group_forums(data: Record) -> None:
    """Each core group meets as a forum of its own: led by its lead ministry's secretary general
    [KG-VL3], with a seat for the lead and each participating ministry, advising only. The
    forum is named by the group's full name, in nynorsk where it differs."""
    nynorsk = {r["code"]: r.get("full_name_nn", "") for r in data.get("core_groups", [])}
    for group in CoreGroup.objects.select_related("lead_ministry", "measure"):
        forum, _ = Forum.objects.update_or_create(
            core_group=group,
            defaults={
                "code": group.code,
                "slug": f"kjernegruppe-{group.code.lower()}",
                "kind": Forum.Kind.CORE_GROUP,
                "name_nb": group.full_name_nb or group.name_nb,
                "name_nn": nynorsk.get(group.code) or group.name_nn,
                "name_en": group.name_en,
                "advisory_only": True,
                "chaired_by_coordinating_ministry": False,
                "sources": group.sources,
                "unconfirmed_fields": group.unconfirmed_fields,
            },
        )
        forum.measures.set([group.measure])
        seed_chair_and_mandate(
            forum,
            {
                "chair_ministry": group.lead_ministry.abbreviation if group.lead_ministry else "",
                "chair_title_nb": "Departementsråd",
                "chair_title_en": "Secretary General",
                "mandate_nb": group.mandate_nb,
                "mandate_en": group.mandate_en,
            },
        )
        ministries = [group.lead_ministry, *group.participating_ministries.all()]
        for ministry in ministries:
            if ministry is not None:
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
