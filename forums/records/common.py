"""What the Noark 5 writers share: the archive creator, names and small element helpers."""

import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone

from forums.models import Record

# Who created the archive (arkivskaper). Settings, so a records manager can name the body.
ARCHIVE_CREATOR_ID = getattr(settings, "RECORDS_ARCHIVE_CREATOR_ID", "departementsfellesskapet")
ARCHIVE_CREATOR_NAME = getattr(
    settings, "RECORDS_ARCHIVE_CREATOR_NAME", "Departementsfellesskapet (Strategiportalen)"
)

# Noark 5 codes (metadatakatalog) for the portal's kinds of document.
ACCESS_CODE = {"exempt": "Unntatt offentlighet", "partly_exempt": "Delvis offentlig"}
RECORD_TYPE: dict[str, str] = {
    Record.Kind.PROPOSAL_VERSION: "Utgående dokument",
    Record.Kind.MEMO: "Utgående dokument",
    Record.Kind.ATTACHMENT: "Utgående dokument",
    Record.Kind.NOTICE: "Utgående dokument",
    Record.Kind.MINUTES: "Organinternt dokument uten oppfølging",
}


class NoarkWriter:
    """Elements of one Noark namespace, written through an lxml incremental writer."""

    def __init__(self, xf: Any, namespace: str):
        self.xf, self.namespace = xf, namespace

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"

    def block(self, name: str, **kwargs: Any) -> Any:
        return self.xf.element(self.tag(name), **kwargs)

    def value(self, name: str, value: Any) -> None:
        with self.xf.element(self.tag(name)):
            self.xf.write(str(value))


T = TypeVar("T")


def legal_basis_text(record: Record) -> str:
    return record.legal_basis.citation if record.legal_basis is not None else ""


def registered(value: T | None, field: str) -> T:
    """A field every registered document has (its constraints and the journal set it)."""
    if value is None:
        raise ValueError(f"A registered document has no {field}.")
    return value


def noark_time(value: datetime.datetime) -> str:
    """A moment as the extraction writes it: local time, whole seconds, with its offset."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
