"""Who may read what: role × marking, in the pages and in the API, denied and allowed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forums.models import Record
from forums.services.attachments import proposal_memo_add
from forums.services.records import record_mark
from tests.forums.conftest import user
from tests.forums.test_admin_visibility import _staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET_TEXT = "Strategiske forhandlingsposisjoner"
MAY_READ_RESTRICTED = {"koordinator": True, "sekretariat": True, "leder-fin": True}


@pytest.fixture
def case(consultation):
    from forums.services.proposals import proposal_revise

    proposal_revise(actor=user("koordinator"), proposal=consultation, text=SECRET_TEXT)
    consultation.refresh_from_db()
    memo = proposal_memo_add(
        actor=user("koordinator"),
        proposal=consultation,
        upload=SimpleUploadedFile("notat.pdf", PDF, content_type="application/pdf"),
    )
    return consultation, memo


def _mark(record, access):
    if access != "public":
        record_mark(
            actor=user("sekretariat"),
            record=record,
            access=access,
            legal_basis="offl-23-1",
            screened_title="Skjermet",
            reason="Forhandling",
        )


@pytest.mark.parametrize("access", ["public", "exempt", "partly_exempt"])
@pytest.mark.parametrize("who", ["koordinator", "sekretariat", "leder-fin", "observator"])
def test_role_by_marking_matrix_in_pages_and_api(client_for, api_client_for, case, who, access):
    proposal, memo = case
    version = Record.objects.get(
        proposal_version__proposal=proposal, proposal_version__number=proposal.version
    )
    _mark(version, access)
    _mark(
        Record.objects.get(proposal_version__proposal=proposal, proposal_version__number=1), access
    )
    _mark(memo.record, access)
    allowed = access == "public" or MAY_READ_RESTRICTED.get(who, False)

    page = client_for(who).get(f"/saker/{proposal.pk}/")
    assert page.status_code == 200
    content = page.content.decode()
    if SECRET_TEXT in content and not allowed:
        at = content.index(SECRET_TEXT)
        raise AssertionError(content[at - 600 : at + 50])
    assert (SECRET_TEXT in content) is allowed

    api = api_client_for(who).get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert (api["text"] == SECRET_TEXT) is allowed
    assert (api["title"] == proposal.title) is allowed

    listed = api_client_for(who).get("/api/v1/proposals/").json()["results"]
    [entry] = [item for item in listed if item["id"] == proposal.pk]
    assert (entry["title"] == proposal.title) is allowed

    download = client_for(who).get(f"/attachments/{memo.pk}/")
    assert download.status_code == (200 if allowed else 404)


def test_an_exempt_memo_cannot_be_fetched_by_guessing_its_address(client_for, case):
    _, memo = case
    _mark(memo.record, "exempt")
    for address in (f"/attachments/{memo.pk}/", f"/media/{memo.file.name}"):
        assert client_for("observator").get(address).status_code == 404


@pytest.mark.parametrize(("like", "reads"), [("observator", False), ("sekretariat", True)])
def test_the_admin_shows_an_exempt_document_only_to_those_who_may_read_it(case, like, reads):
    proposal, memo = case
    version_record = Record.objects.get(
        proposal_version__proposal=proposal, proposal_version__number=2
    )
    _mark(version_record, "exempt")
    _mark(memo.record, "exempt")
    client = _staff(f"stab-{like}", app_labels=["forums"], groups_of=like)
    pages = [
        f"/admin/forums/record/{version_record.pk}/change/",
        f"/admin/forums/proposalversion/{version_record.proposal_version_id}/change/",
        f"/admin/forums/attachment/{memo.pk}/change/",
    ]
    for url in pages:
        # The admin answers a row outside its queryset by sending the user to its index.
        response = client.get(url, follow=True)
        shown = response.status_code == 200 and response.redirect_chain == []
        assert shown is reads, url
        assert (SECRET_TEXT in response.content.decode()) is (reads and "proposalversion" in url)
    listing = client.get("/admin/forums/record/").content.decode()
    assert (version_record.title in listing) is reads
