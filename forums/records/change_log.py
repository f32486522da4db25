"""endringslogg.xml of the Noark 5 extraction: each document's hand-over and marking changes.

Streamed like the structure: the documents and the marking changes are read in the same order
(journal year and number), each by one query through a server-side cursor, and merged, so the
number of queries and the memory stay the same however many documents the period holds.
"""

from pathlib import Path

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from lxml import etree

from forums.records.common import ACCESS_CODE, NoarkWriter, noark_time
from portfolio.models import AuditEvent

LOG_NAMESPACE = "http://www.arkivverket.no/standarder/noark5/endringslogg"
SYSTEM = "Strategiportalen"
MARKED = "record.marked"


def marking_changes(records):
    """(record id as text, when, who, access before, access after) of every marking change of
    `records`, ordered by the record's journal entry, then as they happened. One query."""
    keyed = records.annotate(key=Cast("pk", CharField()))
    owner = keyed.filter(key=OuterRef("target_id"))
    return (
        AuditEvent.objects.filter(
            kind=MARKED,
            target_type__app_label="forums",
            target_type__model="record",
            target_id__in=keyed.values("key"),
        )
        .annotate(
            journal_year=Subquery(owner.values("journal_year")[:1]),
            journal_sequence=Subquery(owner.values("journal_sequence")[:1]),
        )
        .order_by("journal_year", "journal_sequence", "occurred_at", "id")
        .values_list("target_id", "occurred_at", "actor_label", "before__access", "after__access")
    )


def write_change_log(path: Path, *, records) -> None:
    """endringslogg.xml: each document's hand-over to the archive, and every marking change."""
    ordered = records.order_by("journal_year", "journal_sequence").values_list(
        "pk", "system_id", "archived_at"
    )
    changes = marking_changes(records).iterator()
    change = next(changes, None)
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        w = NoarkWriter(xf, LOG_NAMESPACE)
        with w.block("endringslogg", nsmap={None: LOG_NAMESPACE}):
            for pk, system_id, archived_at in ordered.iterator():
                while change is not None and change[0] == str(pk):
                    _target, when, who, before, after = change
                    _change(
                        w,
                        system_id,
                        "tilgangsrestriksjon",
                        when,
                        who,
                        _access_word(before),
                        _access_word(after),
                    )
                    change = next(changes, None)
                _change(
                    w, system_id, "journalstatus", archived_at, SYSTEM, "Journalført", "Arkivert"
                )


def _access_word(access: str | None) -> str:
    return ACCESS_CODE.get(access or "", "Offentlig")


def _change(w, system_id, field, when, who, before, after) -> None:
    with w.block("endring"):
        w.value("referanseArkivenhet", system_id)
        w.value("referanseMetadata", field)
        w.value("endretDato", noark_time(when))
        w.value("endretAv", who)
        w.value("tidligereVerdi", before or "–")
        w.value("nyVerdi", after or "–")
