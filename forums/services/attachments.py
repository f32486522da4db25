"""Memo attachments: only PDF and office documents up to 20 MB, checked by their content."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import AgendaItem, Attachment, Proposal
from forums.permissions import ensure_may_prepare_proposals
from forums.services.journal import journal_attachment
from forums.services.meetings import OPEN_STATES, _require_planner
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User

MAX_BYTES = 20 * 1024 * 1024

# Sniffed kind → (content type, file name extensions that fit it). The content type of a
# download comes from this fixed list, never from the file.
ODF_PREFIX = "application/vnd.oasis.opendocument."
KINDS = {
    "pdf": ("application/pdf", {".pdf"}),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        {".docx"},
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        {".pptx"},
    ),
    "odt": (ODF_PREFIX + "text", {".odt"}),
    "ods": (ODF_PREFIX + "spreadsheet", {".ods"}),
    "odp": (ODF_PREFIX + "presentation", {".odp"}),
    "odg": (ODF_PREFIX + "graphics", {".odg"}),
}
CONTENT_TYPES = {content_type for content_type, _suffixes in KINDS.values()}
ODF_KINDS = {KINDS[kind][0]: kind for kind in ("odt", "ods", "odp", "odg")}
OOXML_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}

# An archive is judged by its directory alone; these bounds keep that cheap and refuse zip
# bombs before anything is inflated. Real office documents stay far below them.
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MIMETYPE_BYTES = max(len(content_type) for content_type in ODF_KINDS) + 1
END_OF_DIRECTORY = b"PK\x05\x06"


def _entry_count(data: IO[bytes] | UploadedFile[Any]) -> int | None:
    """The number of entries the archive's end record announces, read before its directory."""
    data.seek(0, io.SEEK_END)
    size = data.tell()
    tail_start = max(0, size - (22 + 65_535))  # the end record and its longest comment
    data.seek(tail_start)
    tail = data.read()
    at = tail.rfind(END_OF_DIRECTORY)
    if at < 0 or len(tail) < at + 22:
        return None
    (total,) = struct.unpack("<H", tail[at + 10 : at + 12])
    data.seek(0)
    return int(total)


def _directory_is_safe(archive: zipfile.ZipFile) -> bool:
    infos = archive.infolist()
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
            return False
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return False
    return True


def _odf_kind(archive: zipfile.ZipFile) -> str | None:
    """The ODF kind named by the `mimetype` entry, of which only a few bytes are read."""
    with archive.open("mimetype") as entry:
        mimetype = entry.read(MIMETYPE_BYTES)
    return ODF_KINDS.get(mimetype.decode("ascii", "replace"))


def sniff(head: bytes, data: IO[bytes] | UploadedFile[Any]) -> tuple[str, str] | None:
    """The kind and content type of the file, judged by its bytes, or None.

    The work is bounded for every kind: a PDF by its first bytes; an archive by its
    directory (entry count announced first, then sizes and compression ratios), after which
    at most a few bytes of one entry are inflated.
    """
    if head.startswith(b"%PDF-"):
        return "pdf", KINDS["pdf"][0]
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        count = _entry_count(data)
        if count is None or count > MAX_ENTRIES:
            return None  # also the Zip64 marker 0xFFFF: no document needs that many entries
        with zipfile.ZipFile(data) as archive:
            if len(archive.infolist()) > MAX_ENTRIES or not _directory_is_safe(archive):
                return None
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = _odf_kind(archive)
                return (kind, KINDS[kind][0]) if kind else None
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_PARTS.items():
                    if part in names:
                        return kind, KINDS[kind][0]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error):
        return None
    return None


def download_content_type(attachment: Attachment) -> str:
    """The type a download is sent with: one of the fixed list, else a harmless default."""
    if attachment.content_type in CONTENT_TYPES:
        return attachment.content_type
    return "application/octet-stream"


def _checked(upload: UploadedFile[Any]) -> tuple[str, str]:
    """The file's name and content type, or a ValidationError: only documents, at most 20 MB."""
    name = PurePath(upload.name or "").name
    if "\x00" in name or not name or len(name) > 200:
        raise ValidationError({"file": _("The file name is not valid.")})
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    found = sniff(head, upload)
    upload.seek(0)
    suffix = PurePath(name).suffix.lower()
    if found is None or suffix not in KINDS[found[0]][1]:
        raise ValidationError(
            {"file": _("Only PDF, DOCX, XLSX, PPTX and ODF documents can be attached.")}
        )
    return name, found[1]


def _store(
    *, actor: User, upload: UploadedFile[Any], kind: str, target: Any, **owner: Any
) -> Attachment:
    name, content_type = _checked(upload)
    attachment = Attachment(
        name=name, content_type=content_type, size=upload.size or 0, uploaded_by=actor, **owner
    )
    attachment.file.save(name, upload, save=False)
    try:  # a failure after the file is stored must not leave it behind
        attachment.save()
        journal_attachment(attachment=attachment)
        audit_record(
            actor=actor, kind=kind, target=target, after={"name": name, "size": upload.size}
        )
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@records_actor
@transaction.atomic
def attachment_add(
    *, actor: User, agenda_item: AgendaItem, upload: UploadedFile[Any]
) -> Attachment:
    """Store a paper for an agenda item; anything else is refused and nothing is stored."""
    _require_planner(actor)
    if agenda_item.meeting.status not in OPEN_STATES:
        raise WrongState(_("Papers can only be added before the meeting is held."))
    return _store(
        actor=actor,
        upload=upload,
        kind="agenda_item.attachment_added",
        target=agenda_item,
        agenda_item=agenda_item,
    )


@records_actor
@transaction.atomic
def proposal_memo_add(*, actor: User, proposal: Proposal, upload: UploadedFile[Any]) -> Attachment:
    """Attach a memo (notat) to a proposal that is still open; closed proposals never change."""
    ensure_may_prepare_proposals(actor)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (Proposal.Status.DRAFT, Proposal.Status.CONSULTATION):
        raise WrongState(_("A closed proposal cannot change."))
    return _store(
        actor=actor, upload=upload, kind="proposal.memo_added", target=proposal, proposal=proposal
    )
