"""Office documents in the Noark 5 extraction: kept as uploaded and converted to PDF/A.

These run LibreOffice (Debian's libreoffice-*-nogui; `make test` installs it).
"""

import hashlib
import io
import stat
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from forums.models import ArchiveExtraction, Attachment, Record
from forums.services.attachments import proposal_memo_add
from forums.services.extractions import archive_extraction_run, archive_extraction_start
from portfolio.models import AuditEvent
from tests.forums.conftest import user
from tests.forums.records_helpers import assert_valid, docx

pytestmark = pytest.mark.django_db

NS = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
# Passes the upload's check (a zip with a Word part) but is no document LibreOffice can open.
BROKEN_DOCX = io.BytesIO()
with zipfile.ZipFile(BROKEN_DOCX, "w") as _archive:
    _archive.writestr("[Content_Types].xml", "<Types/>")
    _archive.writestr("word/document.xml", "<w:document/>")


def _memo(proposal, content: bytes, name: str = "notat.docx") -> Record:
    proposal_memo_add(
        actor=user("koordinator"),
        proposal=proposal,
        upload=SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    )
    return Record.objects.get(attachment__proposal=proposal)


def _export(tmp_path):
    today = timezone.localdate().isoformat()
    out = tmp_path / "out"
    call_command("noark_export", "--from", today, "--to", today, "--out", str(out), verbosity=0)
    return out


def test_an_office_memo_is_kept_as_uploaded_and_as_pdf_a(tmp_path, consultation):
    original = docx("Notat om budsjettet, med æøå")
    memo = _memo(consultation, original)
    out = _export(tmp_path)
    structure = assert_valid((out / "arkivstruktur.xml").read_bytes(), "arkivstruktur.xsd")
    [description] = structure.xpath(
        "//n:registrering[n:registreringsID=$number]/n:dokumentbeskrivelse",
        namespaces=NS,
        number=memo.document_number,
    )
    objects = description.findall("n:dokumentobjekt", NS)
    assert [(o.findtext("n:variantformat", namespaces=NS), o.findtext("n:format", namespaces=NS))
            for o in objects] == [("Produksjonsformat", "DOCX"), ("Arkivformat", "PDF")]  # fmt: skip
    files = {}
    for obj in objects:
        content = (out / obj.findtext("n:referanseDokumentfil", namespaces=NS)).read_bytes()
        assert obj.findtext("n:sjekksum", namespaces=NS) == hashlib.sha256(content).hexdigest()
        assert int(obj.findtext("n:filstoerrelse", namespaces=NS)) == len(content)
        files[obj.findtext("n:format", namespaces=NS)] = content
    assert files["DOCX"] == original
    assert files["PDF"].startswith(b"%PDF-")
    assert b"<pdfaid:part>2</pdfaid:part>" in files["PDF"]  # PDF/A-2
    archival = objects[1]
    assert archival.findtext("n:formatDetaljer", namespaces=NS) == "PDF/A-2b"
    [conversion] = archival.findall("n:konvertering", NS)
    assert conversion.findtext("n:konvertertFraFormat", namespaces=NS) == "DOCX"
    assert conversion.findtext("n:konvertertTilFormat", namespaces=NS) == "PDF"
    assert conversion.findtext("n:konverteringsverktoey", namespaces=NS) == "LibreOffice"
    assert not objects[0].findall("n:konvertering", NS)
    base = memo.document_number.replace("/", "-")
    assert sorted(p.name for p in (out / "dokumenter").iterdir() if p.stem == base) == [
        f"{base}.docx",
        f"{base}.pdf",
    ]


def test_a_document_that_cannot_be_converted_stops_the_extraction(client_for, consultation):
    memo = _memo(consultation, BROKEN_DOCX.getvalue())
    today = timezone.localdate()
    extraction = archive_extraction_start(actor=user("sekretariat"), start=today, end=today)
    assert archive_extraction_run(extraction_id=extraction.pk) is False
    extraction.refresh_from_db()
    assert extraction.status == ArchiveExtraction.Status.FAILED
    assert not extraction.result
    assert "konverteres til PDF" in extraction.error
    assert memo.document_number in extraction.error
    assert "LibreOffice skrev ingen PDF for DOCX-fila" in extraction.error
    memo.refresh_from_db()
    assert memo.archived_at is None  # nothing is handed over when the extraction fails
    assert AuditEvent.objects.filter(kind="records.extraction_failed").count() == 1
    assert archive_extraction_run(extraction_id=extraction.pk) is False  # not retried
    page = client_for("sekretariat").get("/journal/uttrekk/").content.decode()
    assert memo.document_number in page


def test_a_conversion_that_hangs_is_stopped_and_the_command_writes_nothing(tmp_path, consultation):
    memo = _memo(consultation, docx("Notat"))
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 60\n")
    hanging.chmod(hanging.stat().st_mode | stat.S_IXUSR)
    with (
        override_settings(RECORDS_SOFFICE=str(hanging), RECORDS_CONVERT_TIMEOUT=1),
        pytest.raises(CommandError, match="innen 1 sekunder"),
    ):
        _export(tmp_path)
    assert not (tmp_path / "out").exists()
    memo.refresh_from_db()
    assert memo.archived_at is None


def test_a_missing_converter_is_named(tmp_path, consultation):
    _memo(consultation, docx("Notat"))
    with (
        override_settings(RECORDS_SOFFICE=str(tmp_path / "no-such-soffice")),
        pytest.raises(CommandError, match="no-such-soffice"),
    ):
        _export(tmp_path)
    assert Attachment.objects.count() == 1
