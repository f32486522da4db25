"""Memo attachments: only PDF and office documents up to 20 MB, checked by their content."""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import AgendaItem, Attachment, Proposal
from forums.permissions import ensure_may_prepare_proposals
from forums.services.meetings import OPEN_STATES, _require_planner
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User

MAX_BYTES = 20 * 1024 * 1024

# Sniffed kind → (content type, file name extensions that fit it).
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
    "odf": ("", {".odt", ".ods", ".odp", ".odg"}),
}
OOXML_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}


def sniff(head: bytes, data: IO[bytes] | UploadedFile[Any]) -> tuple[str, str] | None:
    """The kind and content type of the file, judged by its bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf", KINDS["pdf"][0]
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(data) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype.startswith("application/vnd.oasis.opendocument."):
                    return "odf", mimetype
                return None
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_PARTS.items():
                    if part in names:
                        return kind, KINDS[kind][0]
    except zipfile.BadZipFile:
        return None
    return None


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
