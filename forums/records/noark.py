"""The Noark 5 (v5.0) archive extraction: arkivstruktur.xml, endringslogg.xml and dokumenter/.

arkiv → one arkivdel per forum → one saksmappe per case (a proposal or a meeting) → one
journalpost per registered document → dokumentbeskrivelse → dokumentobjekt (the file, with
its SHA-256 and size; an office document twice: as uploaded, Produksjonsformat, and as its
PDF/A copy, Arkivformat). Everything is streamed: one case and one file at a time, so memory
stays flat as the archive grows. The same data gives the same files, except the creation
time of the extraction and the PDF/A copies (LibreOffice stamps its run time). Extracting
marks the documents archived (their marking is then final).
"""

import datetime
import hashlib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone, translation
from lxml import etree

from forums.models import Forum, Record, RecordCase
from forums.pdf import agenda_pdf, minutes_pdf, proposal_version_pdf
from forums.records.change_log import SYSTEM, write_change_log
from forums.records.common import (
    ACCESS_CODE,
    ARCHIVE_CREATOR_ID,
    ARCHIVE_CREATOR_NAME,
    RECORD_TYPE,
    NoarkWriter,
    legal_basis_text,
    noark_time,
    registered,
)
from forums.records.convert import ARCHIVE_FORMAT_DETAILS, TOOL, ConversionFailed, office_to_pdf
from forums.selectors.journal import case_references
from portfolio.models import Ministry

NAMESPACE = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DOCUMENT_TYPE: dict[str, str] = {
    Record.Kind.PROPOSAL_VERSION: "Saksframlegg",
    Record.Kind.MEMO: "Notat",
    Record.Kind.ATTACHMENT: "Vedlegg",
    Record.Kind.NOTICE: "Møteinnkalling",
    Record.Kind.MINUTES: "Møtereferat",
}
Progress = Callable[[int, int], None]


def _stable_id(*parts: object) -> uuid.UUID:
    """A systemID that is the same in every extraction of the same object."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "strategiportalen:" + ":".join(map(str, parts)))


def period_records(start: datetime.date, end: datetime.date):
    return Record.objects.filter(
        document_number__isnull=False, registered_on__gte=start, registered_on__lte=end
    )


class DocumentFile(NamedTuple):
    """One file of a document: its variant, format, extension and content or stored path."""

    variant: str
    format: str
    extension: str
    content: bytes | Path
    details: str = ""
    converted_from: str = ""


def _document_files(record: Record) -> Iterator[DocumentFile]:
    """Each file of the document: an office document also as its PDF/A copy."""
    if record.kind == Record.Kind.PROPOSAL_VERSION:
        version = registered(record.proposal_version, "proposal version")
        yield DocumentFile("Arkivformat", "PDF", "pdf", proposal_version_pdf(version))
    elif record.kind == Record.Kind.NOTICE:
        meeting = registered(record.notice_of, "meeting")
        yield DocumentFile("Arkivformat", "PDF", "pdf", agenda_pdf(meeting))
    elif record.kind == Record.Kind.MINUTES:
        minutes = registered(record.minutes, "minutes")
        # Generated minutes store no PDF; the page renders them the same way on demand.
        content = Path(minutes.pdf.path) if minutes.pdf else minutes_pdf(minutes)
        yield DocumentFile("Arkivformat", "PDF", "pdf", content)
    else:
        attachment = registered(record.attachment, "attachment")
        name = attachment.name
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
        path = Path(attachment.file.path)
        if extension == "pdf":
            yield DocumentFile("Arkivformat", "PDF", "pdf", path)
            return
        yield DocumentFile("Produksjonsformat", extension.upper(), extension, path)
        # The copy lives in a temporary folder until the caller has stored it.
        try:
            with office_to_pdf(path, extension=extension) as pdf:
                yield DocumentFile(
                    "Arkivformat", "PDF", "pdf", pdf, ARCHIVE_FORMAT_DETAILS, extension.upper()
                )
        except ConversionFailed as exc:
            raise ConversionFailed(f"{record.document_number} ({name}): {exc}") from exc


def _store(out_dir: Path, name: str, content: bytes | Path) -> tuple[str, int]:
    """Write one file under dokumenter/, reading a stored file in chunks; (sha256, size)."""
    digest, size = hashlib.sha256(), 0
    with open(out_dir / "dokumenter" / name, "wb") as target:
        chunks = [content] if isinstance(content, bytes) else _chunks(content)
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return digest.hexdigest(), size


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as source:
        while chunk := source.read(1 << 16):
            yield chunk


def _skjerming(w: NoarkWriter, record: Record) -> None:
    if not record.is_restricted:
        return
    with w.block("skjerming"):
        w.value("tilgangsrestriksjon", ACCESS_CODE[record.access])
        w.value("skjermingshjemmel", legal_basis_text(record))
        w.value("skjermingMetadata", "tittel" if record.screened_title else "dokumentobjekt")


def _journalpost(w: NoarkWriter, record: Record, out_dir: Path, now: datetime.datetime) -> None:
    created = noark_time(record.created_at)
    archived = noark_time(registered(record.archived_at, "archiving time"))
    registered_at = noark_time(registered(record.registered_at, "registration time"))
    with w.block("registrering", attrib={f"{{{XSI}}}type": "journalpost"}):
        w.value("systemID", record.system_id)
        w.value("opprettetDato", created)
        w.value("opprettetAv", SYSTEM)
        w.value("arkivertDato", archived)
        w.value("arkivertAv", SYSTEM)
        _skjerming(w, record)
        with w.block("dokumentbeskrivelse"):
            w.value("systemID", _stable_id(record.system_id, "dokumentbeskrivelse"))
            w.value("dokumenttype", DOCUMENT_TYPE[record.kind])
            w.value("dokumentstatus", "Dokumentet er ferdigstilt")
            w.value("tittel", record.title)
            w.value("opprettetDato", created)
            w.value("opprettetAv", SYSTEM)
            w.value("tilknyttetRegistreringSom", "Hoveddokument")
            w.value("dokumentnummer", 1)
            w.value("tilknyttetDato", registered_at)
            w.value("tilknyttetAv", SYSTEM)
            _skjerming(w, record)
            base = registered(record.document_number, "document number").replace("/", "-")
            for number, file in enumerate(_document_files(record), start=1):
                name = f"{base}.{file.extension}"
                checksum, size = _store(out_dir, name, file.content)
                with w.block("dokumentobjekt"):
                    w.value("systemID", _stable_id(record.system_id, "dokumentobjekt", number))
                    w.value("versjonsnummer", 1)
                    w.value("variantformat", file.variant)
                    w.value("format", file.format)
                    if file.details:
                        w.value("formatDetaljer", file.details)
                    w.value("opprettetDato", registered_at)
                    w.value("opprettetAv", SYSTEM)
                    w.value("referanseDokumentfil", f"dokumenter/{name}")
                    w.value("sjekksum", checksum)
                    w.value("sjekksumAlgoritme", "SHA-256")
                    w.value("filstoerrelse", size)
                    if file.converted_from:
                        _konvertering(w, file, now)
        w.value("registreringsID", record.document_number)
        w.value("tittel", record.title)
        if record.is_restricted:
            w.value("offentligTittel", record.public_title)
        parties: list[tuple[str, Ministry]] = (
            [("Avsender", record.sender)] if record.sender is not None else []
        )
        parties += [("Mottaker", ministry) for ministry in record.recipients.all()]
        for kind, ministry in parties:
            with w.block("korrespondansepart"):
                w.value("korrespondanseparttype", kind)
                w.value("korrespondansepartNavn", ministry.name_nb)
        for field, value in _journal_fields(record):
            w.value(field, value)


def _konvertering(w: NoarkWriter, file: DocumentFile, now: datetime.datetime) -> None:
    with w.block("konvertering"):
        w.value("konvertertDato", noark_time(now))
        w.value("konvertertAv", SYSTEM)
        w.value("konvertertFraFormat", file.converted_from)
        w.value("konvertertTilFormat", file.format)
        w.value("konverteringsverktoey", TOOL)
        w.value("konverteringskommentar", file.details)


def _journal_fields(record: Record) -> list[tuple[str, object]]:
    return [
        ("journalaar", record.journal_year),
        ("journalsekvensnummer", record.journal_sequence),
        ("journalpostnummer", record.document_sequence),
        ("journalposttype", RECORD_TYPE[record.kind]),
        ("journalstatus", "Arkivert"),
        ("journaldato", registered(record.registered_on, "journal date").isoformat()),
    ]


def _saksmappe(w: NoarkWriter, case: RecordCase, records: list[Record], out_dir: Path, now) -> None:
    forum = case.owner.forum
    closed = max(registered(record.registered_at, "registration time") for record in records)
    with w.block("mappe", attrib={f"{{{XSI}}}type": "saksmappe"}):
        w.value("systemID", case.system_id)
        w.value("mappeID", case.case_number)
        w.value("tittel", case.title)
        w.value("opprettetDato", noark_time(case.created_at))
        w.value("opprettetAv", SYSTEM)
        w.value("avsluttetDato", noark_time(closed))
        w.value("avsluttetAv", SYSTEM)
        for reference in case_references(case):
            with w.block("merknad"):
                w.value(
                    "merknadstekst", f"{reference.ministry.abbreviation}: {reference.reference}"
                )
                w.value("merknadstype", "Departementets egen referanse")
                w.value("merknadsdato", noark_time(reference.recorded_at))
                w.value("merknadRegistrertAv", reference.recorded_by.get_username())
        for record in records:
            _journalpost(w, record, out_dir, now)
        w.value("saksaar", case.year)
        w.value("sakssekvensnummer", case.number)
        w.value("saksdato", timezone.localtime(case.created_at).date().isoformat())
        w.value("administrativEnhet", forum.name_nb)
        w.value("saksansvarlig", ARCHIVE_CREATOR_NAME)
        w.value("saksstatus", "Avsluttet")


def _cases_of(forum: Forum, records) -> Iterator[RecordCase]:
    in_forum = Q(proposal__forum=forum) | Q(meeting__forum=forum)
    cases = RecordCase.objects.filter(in_forum, pk__in=records.values("case_id"))
    yield from cases.select_related("proposal", "meeting").order_by("year", "number").iterator()


def _archive(records, now: datetime.datetime) -> None:
    records.filter(archived_at__isnull=True).update(archived_at=now)


def write_extraction(
    out_dir: Path,
    *,
    start: datetime.date,
    end: datetime.date,
    progress: Progress | None = None,
) -> int:
    """Write the extraction of the documents registered in the period; returns their number."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "dokumenter").mkdir(exist_ok=True)
    now = timezone.now()
    records = period_records(start, end)
    _archive(records, now)
    total, done = records.count(), 0
    forums = Forum.objects.filter(
        Q(proposals__record_case__records__in=records)
        | Q(meetings__record_case__records__in=records)
    ).distinct()
    with (
        translation.override("nb"),
        etree.xmlfile(str(out_dir / "arkivstruktur.xml"), encoding="utf-8") as xf,
    ):
        xf.write_declaration()
        w = NoarkWriter(xf, NAMESPACE)
        with w.block("arkiv", nsmap={None: NAMESPACE, "xsi": XSI}):
            w.value("systemID", _stable_id("arkiv", ARCHIVE_CREATOR_ID))
            w.value("tittel", f"{SYSTEM} {start.isoformat()}–{end.isoformat()}")
            w.value("opprettetDato", noark_time(now))
            w.value("opprettetAv", SYSTEM)
            w.value("avsluttetDato", noark_time(now))
            w.value("avsluttetAv", SYSTEM)
            with w.block("arkivskaper"):
                w.value("arkivskaperID", ARCHIVE_CREATOR_ID)
                w.value("arkivskaperNavn", ARCHIVE_CREATOR_NAME)
            for forum in forums.order_by("code"):
                done = _arkivdel(w, forum, records, out_dir, start, end, now, done, total, progress)
    write_change_log(out_dir / "endringslogg.xml", records=records)
    return total


def _arkivdel(w, forum, records, out_dir, start, end, now, done, total, progress) -> int:
    with w.block("arkivdel"):
        w.value("systemID", _stable_id("arkivdel", forum.code, start, end))
        w.value("tittel", forum.name_nb)
        w.value("arkivdelstatus", "Avsluttet periode")
        w.value("opprettetDato", noark_time(now))
        w.value("opprettetAv", SYSTEM)
        w.value("avsluttetDato", noark_time(now))
        w.value("avsluttetAv", SYSTEM)
        w.value("arkivperiodeStartDato", start.isoformat())
        w.value("arkivperiodeSluttDato", end.isoformat())
        for case in _cases_of(forum, records):
            case_records = list(
                records.filter(case=case)
                .select_related(
                    "legal_basis", "sender", "proposal_version", "attachment", "minutes"
                )
                .select_related("notice_of__forum")
                .prefetch_related("recipients")
                .order_by("document_sequence")
            )
            _saksmappe(w, case, case_records, out_dir, now)
            done += len(case_records)
            if progress:
                progress(done, total)
    return done
