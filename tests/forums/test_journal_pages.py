"""The journal pages and who may read an exempt document, in pages and by direct address."""

import pytest
from django.utils import timezone

from forums.models import Record
from tests.forums.records_helpers import mark_exempt

pytestmark = pytest.mark.django_db

READERS = ["koordinator", "sekretariat", "leder-fin"]
NON_READERS = ["observator"]


@pytest.fixture
def exempt_version(consultation) -> Record:
    record = Record.objects.get(proposal_version__proposal=consultation)
    return mark_exempt(record, screened_title="Sak om innkjøp")


def test_journal_page_lists_and_filters(client_for, consultation):
    today = timezone.localdate().isoformat()
    response = client_for("observator").get(f"/journal/?from={today}&to={today}&access=public")
    assert response.status_code == 200
    assert Record.objects.get().document_number in response.content.decode()
    empty = client_for("observator").get("/journal/?access=exempt")
    assert Record.objects.get().document_number not in empty.content.decode()


def test_journal_page_refuses_reversed_dates_with_a_message(client_for, demo_users):
    response = client_for("observator").get("/journal/?from=2027-02-01&to=2027-01-01")
    assert response.status_code == 400
    assert "Slutten av perioden kommer før starten." in response.content.decode()


@pytest.mark.parametrize("query", ["", "?access=public", f"?to={timezone.localdate()}"])
def test_the_public_journal_link_works_without_chosen_dates(client_for, consultation, query):
    import html
    import re

    page = client_for("observator").get(f"/journal/{query}").content.decode()
    [link] = re.findall(r'href="(/api/v1/journal/export\.xml[^"]*)"', page)
    year_start = timezone.localdate().replace(month=1, day=1)
    assert f"from={year_start}" in html.unescape(link)
    response = client_for("observator").get(html.unescape(link))
    assert response.status_code == 200
    assert Record.objects.get().document_number in response.content.decode()


def test_journal_page_needs_a_login(client_for, demo_users):
    assert client_for("anonymous").get("/journal/").status_code == 302


@pytest.mark.parametrize("who", READERS + NON_READERS)
def test_journal_page_screens_the_title_for_who_may_not_read(client_for, exempt_version, who):
    page = client_for(who).get("/journal/").content.decode()
    detail = client_for(who).get(f"/journal/{exempt_version.pk}/").content.decode()
    for content in (page, detail):
        if who in READERS:
            assert exempt_version.title in content
        else:
            assert exempt_version.title not in content
            assert "Sak om innkjøp" in content


def test_marking_through_the_page_is_audited(client_for, consultation):
    record = Record.objects.get(proposal_version__proposal=consultation)
    response = client_for("sekretariat").post(
        f"/journal/{record.pk}/skjerming/",
        {"access": "exempt", "legal_basis": "offl-13", "screened_title": "", "reason": "Taus"},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.access == "exempt"


def test_marking_page_refuses_exempt_without_legal_basis(client_for, consultation):
    record = Record.objects.get(proposal_version__proposal=consultation)
    response = client_for("koordinator").post(
        f"/journal/{record.pk}/skjerming/", {"access": "exempt", "reason": "Taus"}
    )
    assert response.status_code == 400
    assert "Et dokument som er unntatt offentlighet, må ha en hjemmel." in response.content.decode()
    record.refresh_from_db()
    assert record.access == "public"


@pytest.mark.parametrize("who", ["leder-fin", "observator"])
def test_marking_page_is_refused_to_others(client_for, consultation, who):
    record = Record.objects.get(proposal_version__proposal=consultation)
    response = client_for(who).post(
        f"/journal/{record.pk}/skjerming/",
        {"access": "exempt", "legal_basis": "offl-13", "reason": "x"},
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.access == "public"


def test_admin_head_asks_for_a_change_on_the_page(client_for, consultation):
    record = Record.objects.get(proposal_version__proposal=consultation)
    response = client_for("leder-fin").post(
        f"/journal/{record.pk}/be-om-endring/", {"access": "exempt", "reason": "Forhandling"}
    )
    assert response.status_code == 302
    assert record.change_requests.get().reason == "Forhandling"
    refused = client_for("observator").post(
        f"/journal/{record.pk}/be-om-endring/", {"access": "exempt", "reason": "x"}
    )
    assert refused.status_code == 403
    assert record.change_requests.count() == 1
