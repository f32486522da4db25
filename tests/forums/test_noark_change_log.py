"""endringslogg.xml of the extraction: a constant number of queries, each change at its document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from forums.models import Record
from forums.records.change_log import write_change_log
from forums.records.noark import period_records
from forums.services.attachments import proposal_memo_add
from forums.services.records import record_mark
from tests.forums.conftest import user
from tests.forums.records_helpers import assert_valid, mark_exempt

pytestmark = pytest.mark.django_db

LOG = {"n": "http://www.arkivverket.no/standarder/noark5/endringslogg"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _add_marked_memos(proposal, count: int) -> None:
    """`count` more memos, each marked exempt and then partly exempt: two changes apiece."""
    for number in range(count):
        proposal_memo_add(
            actor=user("koordinator"),
            proposal=proposal,
            upload=SimpleUploadedFile(f"notat-{number}.pdf", PDF, content_type="application/pdf"),
        )
    for record in Record.objects.filter(attachment__proposal=proposal, access="public"):
        mark_exempt(record)
        record_mark(
            actor=user("sekretariat"),
            record=record,
            access="partly_exempt",
            legal_basis="offl-14-1",
            reason="Delvis",
        )


def _write(tmp_path) -> tuple[int, etree._Element]:
    """The log as an extraction writes it, its documents handed over (for this call only)."""
    today = timezone.localdate()
    path = tmp_path / "endringslogg.xml"
    period_records(today, today).update(archived_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        write_change_log(path, records=period_records(today, today))
    period_records(today, today).update(archived_at=None)
    return len(queries), assert_valid(path.read_bytes(), "endringslogg.xsd")


def test_the_change_log_reads_the_same_number_of_queries_for_more_documents(tmp_path, consultation):
    _add_marked_memos(consultation, 1)
    small, small_log = _write(tmp_path)
    _add_marked_memos(consultation, 4)
    large, large_log = _write(tmp_path)
    assert len(large_log.xpath("//n:endring", namespaces=LOG)) > len(
        small_log.xpath("//n:endring", namespaces=LOG)
    )
    assert large == small


def test_each_marking_change_is_logged_at_its_own_document_in_journal_order(tmp_path, consultation):
    _add_marked_memos(consultation, 3)
    _queries, log = _write(tmp_path)
    records = list(
        period_records(timezone.localdate(), timezone.localdate()).order_by(
            "journal_year", "journal_sequence"
        )
    )
    expected = []
    for record in records:
        if record.attachment_id is not None:
            expected += [
                (str(record.system_id), "tilgangsrestriksjon", "Offentlig", "Unntatt offentlighet"),
                (
                    str(record.system_id),
                    "tilgangsrestriksjon",
                    "Unntatt offentlighet",
                    "Delvis offentlig",
                ),
            ]
        expected.append((str(record.system_id), "journalstatus", "Journalført", "Arkivert"))
    written = [
        tuple(
            change.findtext(f"n:{name}", namespaces=LOG)
            for name in ("referanseArkivenhet", "referanseMetadata", "tidligereVerdi", "nyVerdi")
        )
        for change in log.xpath("//n:endring", namespaces=LOG)
    ]
    assert written == expected
