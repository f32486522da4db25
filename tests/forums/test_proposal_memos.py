"""Memos (notat) on proposals: coordinators attach documents while a proposal is open."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from forums.exceptions import WrongState
from forums.models import Attachment
from forums.services.attachments import proposal_memo_add
from forums.services.proposals import proposal_withdraw
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _pdf(name: str = "notat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_coordinator_attaches_a_memo_that_everyone_can_read(consultation, client_for):
    memo = proposal_memo_add(actor=user("koordinator"), proposal=consultation, upload=_pdf())
    page = client_for("leder-fin").get(f"/saker/{consultation.pk}/").content.decode()
    assert f"/attachments/{memo.pk}/" in page
    download = client_for("leder-fin").get(f"/attachments/{memo.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_the_memo_form_uploads_through_the_web(consultation, client_for):
    response = client_for("koordinator").post(
        f"/saker/{consultation.pk}/notat/", {"memo-file": _pdf("bakgrunn.pdf")}
    )
    assert response.status_code == 302
    assert consultation.memos.get().name == "bakgrunn.pdf"


@pytest.mark.parametrize("username", ["leder-fin", "sekretariat", "observator", "admin"])
def test_only_coordinators_attach_memos(consultation, client_for, username):
    with pytest.raises(PermissionDenied):
        proposal_memo_add(actor=user(username), proposal=consultation, upload=_pdf())
    response = client_for(username).post(f"/saker/{consultation.pk}/notat/", {"memo-file": _pdf()})
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_a_memo_of_a_draft_is_hidden_like_the_draft(draft, client_for):
    memo = proposal_memo_add(actor=user("koordinator"), proposal=draft, upload=_pdf())
    assert client_for("leder-fin").get(f"/attachments/{memo.pk}/").status_code == 404
    assert client_for("koordinator").get(f"/attachments/{memo.pk}/").status_code == 200


def test_other_files_and_closed_proposals_are_refused(consultation):
    fake = SimpleUploadedFile("notat.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError):
        proposal_memo_add(actor=user("koordinator"), proposal=consultation, upload=fake)
    proposal_withdraw(actor=user("koordinator"), proposal=consultation)
    with pytest.raises(WrongState):
        proposal_memo_add(actor=user("koordinator"), proposal=consultation, upload=_pdf())
    assert not Attachment.objects.exists()
