"""The API of meeting papers and proposal memos: uploaded as multipart, with the same checks,
rules and errors as the pages, and nothing stored on refusal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums.models import Attachment, Meeting
from forums.services.proposals import proposal_withdraw
from portfolio.models import AuditEvent
from tests.bad_input import PDF, media_files
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db

REFUSED = [("anonymous", 401), ("observator", 403), ("leder-fin", 403)]


def _pdf(name: str = "notat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def _paper_url(meeting: Meeting) -> str:
    item = meeting.agenda_items.order_by("number").first()
    return f"/api/v1/agenda-items/{item.pk}/attachments/"


@pytest.mark.parametrize(
    ("username", "expected"), [*REFUSED, ("koordinator", 403), ("sekretariat", 201)]
)
def test_only_the_secretariat_attaches_papers(api_client_for, meetings_2027, username, expected):
    files = media_files()
    response = api_client_for(username).post(
        _paper_url(meetings_2027[1]), {"file": _pdf()}, format="multipart"
    )
    assert response.status_code == expected
    if expected != 201:
        assert not Attachment.objects.exists() and media_files() == files
        return
    body = response.json()
    attachment = Attachment.objects.get()
    assert (body["id"], body["name"], body["content_type"]) == (
        attachment.pk,
        "notat.pdf",
        "application/pdf",
    )
    assert body["download"] == reverse("forums:attachment-download", args=[attachment.pk])
    assert AuditEvent.objects.filter(kind="agenda_item.attachment_added").exists()


def test_a_paper_that_is_not_a_document_is_refused_translated(api_client_for, meetings_2027):
    files = media_files()
    answers = {
        language: api_client_for("sekretariat").post(
            _paper_url(meetings_2027[1]),
            {"file": SimpleUploadedFile("notat.pdf", b"Just text.", "application/pdf")},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        for language in ("nb", "en")
    }
    assert answers["en"].status_code == 400 and list(answers["en"].json()) == ["file"]
    assert answers["nb"].json() != answers["en"].json()
    assert not Attachment.objects.exists() and media_files() == files


def test_papers_are_not_added_to_a_held_meeting(api_client_for, held_meeting):
    response = api_client_for("sekretariat").post(
        _paper_url(held_meeting), {"file": _pdf()}, format="multipart"
    )
    assert response.status_code == 409
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("username", "expected"), [*REFUSED, ("sekretariat", 403), ("koordinator", 201)]
)
def test_only_the_coordinator_attaches_memos(api_client_for, consultation, username, expected):
    files = media_files()
    response = api_client_for(username).post(
        f"/api/v1/proposals/{consultation.pk}/memo/", {"file": _pdf()}, format="multipart"
    )
    assert response.status_code == expected
    if expected != 201:
        assert not Attachment.objects.exists() and media_files() == files
        return
    assert Attachment.objects.get().proposal_id == consultation.pk
    assert AuditEvent.objects.filter(kind="proposal.memo_added").exists()


def test_a_closed_proposal_gets_no_memo(api_client_for, consultation):
    proposal_withdraw(actor=user("koordinator"), proposal=consultation)
    response = api_client_for("koordinator").post(
        f"/api/v1/proposals/{consultation.pk}/memo/", {"file": _pdf()}, format="multipart"
    )
    assert response.status_code == 409
    assert not Attachment.objects.exists()
