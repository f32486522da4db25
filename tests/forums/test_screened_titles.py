"""A restricted document shows its screened title to a reader who may not read it, everywhere.

The proposal page and its History tab, the decision register, the search (page and API), the
meeting page's papers and proposals: the observer sees the screened title, the secretariat the
real one.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forums.models import Record
from forums.services.attachments import attachment_add, proposal_memo_add
from forums.services.proposals import proposal_revise
from tests.forums.conftest import user
from tests.forums.records_helpers import mark_exempt

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REAL = "Felles anskaffelsesstrategi 2027"
SCREENED = "Skjermet forhandlingssak"


@pytest.fixture
def exempt_case(consultation, meetings_2027):
    proposal_revise(actor=user("koordinator"), proposal=consultation, text="Ny tekst.")
    consultation.refresh_from_db()
    for version in Record.objects.filter(proposal_version__proposal=consultation):
        mark_exempt(version, screened_title=SCREENED)
    memo = proposal_memo_add(
        actor=user("koordinator"),
        proposal=consultation,
        upload=SimpleUploadedFile("hemmelig-notat.pdf", PDF, content_type="application/pdf"),
    )
    mark_exempt(memo.record, screened_title="Skjermet notat")
    item = meetings_2027[0].agenda_items.first()
    item.proposals.add(consultation)
    paper = attachment_add(
        actor=user("sekretariat"),
        agenda_item=item,
        upload=SimpleUploadedFile("budsjettforslag.pdf", PDF, content_type="application/pdf"),
    )
    mark_exempt(paper.record, screened_title="Skjermet saksdokument")
    return consultation, meetings_2027[0]


@pytest.mark.parametrize(("who", "reads"), [("observator", False), ("sekretariat", True)])
def test_pages_show_the_screened_title_to_who_may_not_read(client_for, exempt_case, who, reads):
    proposal, meeting = exempt_case
    client = client_for(who)
    pages = {
        "detail": f"/saker/{proposal.pk}/",
        "history": f"/saker/{proposal.pk}/historikk/",
        "register": "/saker/",
        "meeting": f"/meetings/{meeting.pk}/",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert (REAL in content) is reads, name
        assert (SCREENED in content) is not reads, name
    detail = client.get(pages["detail"]).content.decode()
    assert ("hemmelig-notat.pdf" in detail) is reads
    assert ("Skjermet notat" in detail) is not reads
    meeting_page = client.get(pages["meeting"]).content.decode()
    assert ("budsjettforslag.pdf" in meeting_page) is reads
    assert ("Skjermet saksdokument" in meeting_page) is not reads


@pytest.mark.parametrize(("who", "reads"), [("observator", False), ("sekretariat", True)])
def test_search_finds_a_screened_proposal_only_by_its_screened_title(
    client_for, api_client_for, exempt_case, who, reads
):
    proposal, _meeting = exempt_case
    api = api_client_for(who)
    by_real = api.get("/api/v1/search/", {"q": "anskaffelsesstrategi"}).json()["proposals"]
    assert [hit["title"] for hit in by_real] == ([str(proposal)] if reads else [])
    by_screened = api.get("/api/v1/search/", {"q": "forhandlingssak"}).json()["proposals"]
    if not reads:
        assert [hit["title"] for hit in by_screened] == [f"{proposal.register_number} {SCREENED}"]
        assert by_screened[0]["excerpt"] == ""
    page = client_for(who).get("/sok/", {"q": "anskaffelsesstrategi"}).content.decode()
    assert (REAL in page) is reads
    register = client_for(who).get("/saker/", {"q": "anskaffelsesstrategi"}).content.decode()
    assert (f"/saker/{proposal.pk}/" in register) is reads
    listed = api.get("/api/v1/proposals/", {"q": "anskaffelsesstrategi"}).json()["results"]
    assert len(listed) == (1 if reads else 0)
    by_screened = api.get("/api/v1/proposals/", {"q": "forhandlingssak"}).json()["results"]
    assert [entry["title"] for entry in by_screened] == ([] if reads else [SCREENED])


@pytest.mark.parametrize(("who", "reads"), [("observator", False), ("sekretariat", True)])
def test_the_proposals_api_screens_the_title(api_client_for, exempt_case, who, reads):
    proposal, _meeting = exempt_case
    [entry] = api_client_for(who).get("/api/v1/proposals/").json()["results"]
    assert entry["title"] == (REAL if reads else SCREENED)
    detail = api_client_for(who).get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert (detail["title"], bool(detail["text"])) == ((REAL, True) if reads else (SCREENED, False))
