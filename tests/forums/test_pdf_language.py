"""PDFs in the reader's language: notices, draft minutes and the dashboard; what is kept stays
in bokmål."""

import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from forums.services.meetings import agenda_item_create
from measures.models import Measure
from tests.forums.conftest import end_review, user

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _client(client_for, username: str, language: str):
    client = client_for(username)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_notice_is_in_the_readers_language(client_for, meetings_2027):
    meeting = meetings_2027[0]
    agenda_item_create(
        actor=user("sekretariat"),
        meeting=meeting,
        title="Etatsstyring",
        measures=[Measure.objects.get(code="T4")],
    )
    url = f"/meetings/{meeting.pk}/agenda.pdf"
    nynorsk = _text(_client(client_for, "leder-fin", "nn").get(url).content)
    assert "Heilskapleg etatsstyring" in nynorsk and "Helhetlig" not in nynorsk
    bokmal = _text(_client(client_for, "leder-fin", "nb").get(url).content)
    assert "Helhetlig etatsstyring" in bokmal


def test_draft_minutes_are_in_the_readers_language_and_the_kept_pdf_in_bokmal(
    client_for, review_minutes, held_meeting
):
    url = f"/meetings/{held_meeting.pk}/minutes.pdf"
    draft = _text(_client(client_for, "observator", "nn").get(url).content)
    assert "Ikkje godkjent" in draft and "Ansvarleg: FIN" in draft
    english = _text(_client(client_for, "observator", "en").get(url).content)
    assert "Not approved" in english and "Responsible: FIN" in english
    end_review(review_minutes)
    _client(client_for, "leder-dfd", "nn").post(f"/minutes/{review_minutes.pk}/approve/")
    review_minutes.refresh_from_db()
    assert review_minutes.pdf
    kept = _text(_client(client_for, "observator", "nn").get(url).content)
    assert "Ansvarlig: FIN" in kept and "Ansvarleg" not in kept


def test_the_dashboard_pdf_is_in_nynorsk(client_for):
    client = _client(client_for, "observator", "nn")
    text = _text(client.get("/portefolje/portefolje.pdf").content)
    assert "Treng merksemd" in text and "Trenger oppmerksomhet" not in text
