"""The secretariat sees why an archive extraction failed, in bokmål and English; axe passes."""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Record
from forums.services.attachments import proposal_memo_add
from forums.services.extractions import archive_extraction_run, archive_extraction_start
from forums.services.proposals import proposal_create, proposal_open
from tests.forums.conftest import user
from tests.forums.records_helpers import docx

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS")


@pytest.fixture
def failed_extraction(demo_users, tmp_path) -> Record:
    proposal = proposal_create(
        actor=user("koordinator"),
        title="Felles anskaffelsesstrategi 2027",
        text="Strategisk forum bes gi tilslutning.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    proposal_open(actor=user("koordinator"), proposal=proposal)
    proposal_memo_add(
        actor=user("koordinator"),
        proposal=proposal,
        upload=SimpleUploadedFile("notat.docx", docx("Notat")),
    )
    today = timezone.localdate()
    extraction = archive_extraction_start(actor=user("sekretariat"), start=today, end=today)
    # No converter at that path: the run fails at once and records why.
    with override_settings(RECORDS_SOFFICE=str(tmp_path / "soffice")):
        archive_extraction_run(extraction_id=extraction.pk)
    return Record.objects.get(attachment__proposal=proposal)


def test_a_failed_extraction_shows_its_reason(
    page, live_server, login, axe_violations, failed_extraction
):
    login("sekretariat")
    page.goto(f"{live_server.url}/journal/uttrekk/")
    row = page.get_by_role("row").filter(has_text="Feilet")
    expect(row).to_contain_text("kunne ikke konverteres til PDF")
    expect(row).to_contain_text(failed_extraction.document_number)
    assert axe_violations() == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/extractions-nb.png", full_page=True)
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt").click()
    page.goto(f"{live_server.url}/journal/uttrekk/")
    expect(page.get_by_role("row").filter(has_text="Failed")).to_be_visible()
    assert axe_violations() == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/extractions-en.png", full_page=True)
