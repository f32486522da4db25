"""The Noark 5 extraction: valid against the schemas, checksums that match, skjerming, stable."""

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from forums.exceptions import WrongState
from forums.models import Record
from forums.services.attachments import proposal_memo_add
from forums.services.records import record_mark
from tests.forums.conftest import user
from tests.forums.records_helpers import assert_valid, mark_exempt

pytestmark = pytest.mark.django_db

NS = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def journaled(consultation):
    proposal_memo_add(
        actor=user("koordinator"),
        proposal=consultation,
        upload=SimpleUploadedFile("notat.pdf", PDF, content_type="application/pdf"),
    )
    version = Record.objects.get(proposal_version__proposal=consultation)
    return mark_exempt(version, screened_title="Skjermet sak")


def _export(tmp_path, name="out"):
    today = timezone.localdate().isoformat()
    out = tmp_path / name
    call_command("noark_export", "--from", today, "--to", today, "--out", str(out), verbosity=0)
    return out


def test_extraction_is_valid_and_every_checksum_matches(tmp_path, journaled):
    out = _export(tmp_path)
    structure = assert_valid((out / "arkivstruktur.xml").read_bytes(), "arkivstruktur.xsd")
    assert_valid((out / "endringslogg.xml").read_bytes(), "endringslogg.xsd")
    objects = structure.xpath("//n:dokumentobjekt", namespaces=NS)
    assert len(objects) == 2
    for obj in objects:
        path = out / obj.findtext("n:referanseDokumentfil", namespaces=NS)
        content = path.read_bytes()
        assert obj.findtext("n:sjekksum", namespaces=NS) == hashlib.sha256(content).hexdigest()
        assert int(obj.findtext("n:filstoerrelse", namespaces=NS)) == len(content)
    [skjerming] = structure.xpath("//n:registrering/n:skjerming", namespaces=NS)
    assert skjerming.findtext("n:skjermingshjemmel", namespaces=NS) == "offl. § 14 første ledd"
    assert structure.xpath("//n:registrering/n:offentligTittel/text()", namespaces=NS) == [
        "Skjermet sak"
    ]


def test_extraction_is_the_same_except_its_creation_time(tmp_path, journaled):
    first, second = _export(tmp_path, "a"), _export(tmp_path, "b")
    stamp = re.compile(rb"<(opprettetDato|avsluttetDato)>[^<]*</\1>")

    def without_run_time(path):
        text = (path / "arkivstruktur.xml").read_bytes()
        head, _, rest = text.partition(b"<mappe")
        return stamp.sub(b"", head) + rest

    assert without_run_time(first) == without_run_time(second)
    assert (first / "endringslogg.xml").read_bytes() == (second / "endringslogg.xml").read_bytes()
    names = sorted(p.name for p in (first / "dokumenter").iterdir())
    assert names == sorted(p.name for p in (second / "dokumenter").iterdir())
    for name in names:
        assert (first / "dokumenter" / name).read_bytes() == (
            second / "dokumenter" / name
        ).read_bytes()


def test_an_archived_document_keeps_its_marking(tmp_path, journaled):
    _export(tmp_path)
    journaled.refresh_from_db()
    assert journaled.archived_at is not None
    with pytest.raises(WrongState):
        record_mark(actor=user("sekretariat"), record=journaled, access="public", reason="x")
    journaled.refresh_from_db()
    assert journaled.access == "exempt"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2027-02-01", "2027-01-01", "før starten"),
        ("2027-13-01", "2027-12-31", "ÅÅÅÅ-MM-DD"),
    ],
)
def test_export_command_refuses_bad_dates_and_writes_nothing(
    tmp_path, demo_users, start, end, message
):
    out = tmp_path / "out"
    with pytest.raises(CommandError, match=message):
        call_command("noark_export", "--from", start, "--to", end, "--out", str(out))
    assert not out.exists()
