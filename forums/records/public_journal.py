"""The public journal (offentlig journal) of a period, valid against offentligJournal.xsd.

Public by nature: a restricted document always shows its screened title here.
"""

import datetime
from collections.abc import Iterable
from typing import IO

from django.utils import translation
from lxml import etree

from forums.models import Record
from forums.records.common import (
    ACCESS_CODE,
    ARCHIVE_CREATOR_ID,
    ARCHIVE_CREATOR_NAME,
    NoarkWriter,
    legal_basis_text,
    registered,
)

NAMESPACE = "http://www.arkivverket.no/standarder/noark5/offentligJournal"


def _entry(w: NoarkWriter, record: Record) -> None:
    case = record.case
    with w.block("journalregistrering"):
        with w.block("saksmappe"):
            w.value("saksaar", case.year)
            w.value("sakssekvensnummer", case.number)
            # A case titled like its exempt document would give the title away.
            w.value("offentligTittel", record.public_title if record.is_restricted else case.title)
        with w.block("journalpost"):
            w.value("systemID", record.system_id)
            w.value("registreringsID", record.document_number)
            w.value("journalaar", record.journal_year)
            w.value("journalsekvensnummer", record.journal_sequence)
            w.value("journalpostnummer", record.document_sequence)
            w.value("offentligTittel", record.public_title)
            w.value("journaldato", registered(record.registered_on, "journal date").isoformat())
            if record.is_restricted:
                w.value("tilgangsrestriksjon", ACCESS_CODE[record.access])
                w.value("skjermingshjemmel", legal_basis_text(record))
            parties = [("Avsender", record.sender)] if record.sender_id else []
            parties += [("Mottaker", ministry) for ministry in record.recipients.all()]
            for kind, ministry in parties or [("Avsender", None)]:
                with w.block("korrespondansepart"):
                    w.value("korrespondanseparttype", kind)
                    w.value(
                        "korrespondansepartNavn",
                        ministry.name_nb if ministry else ARCHIVE_CREATOR_NAME,
                    )


def write_public_journal(
    out: IO[bytes],
    *,
    start: datetime.date,
    end: datetime.date,
    records: Iterable[Record],
    count: int,
) -> None:
    """Stream the journal of the period to `out`; `records` must hold at least one entry."""
    with translation.override("nb"), etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        w = NoarkWriter(xf, NAMESPACE)
        with w.block("offentligJournal", nsmap={None: NAMESPACE}):
            with w.block("journalhode"):
                w.value("journalStartDato", start.isoformat())
                w.value("journalSluttDato", end.isoformat())
                w.value("antallJournalposter", count)
                with w.block("arkivskaper"):
                    w.value("arkivskaperID", ARCHIVE_CREATOR_ID)
                    w.value("arkivskaperNavn", ARCHIVE_CREATOR_NAME)
            for record in records:
                _entry(w, record)
