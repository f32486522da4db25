"""The header search box and the results page pass axe, and a search leads to the page found."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from forums.services.proposals import proposal_create, proposal_open

pytestmark = pytest.mark.django_db(transaction=True)


def test_searching_from_the_header_finds_and_opens_a_proposal(
    page, live_server, login, axe_violations, demo_users
):
    koordinator = get_user_model().objects.get(username="koordinator")
    proposal = proposal_open(
        actor=koordinator,
        proposal=proposal_create(
            actor=koordinator,
            title="Felles anskaffelsesstrategi",
            text="Strategisk forum bes gi tilslutning til felles anskaffelse.",
            deadline=timezone.now() + datetime.timedelta(days=7),
        ),
    )
    login("leder-fin")
    assert axe_violations() == []
    header = page.get_by_role("search", name="Søk i portalen")
    header.get_by_label("Søk i portalen").fill("anskaffelsesstrategi")
    header.get_by_role("button", name="Søk").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name="Søk")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Saker (1)")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("link", name=str(proposal)).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/saker/{proposal.pk}/")


def test_bad_input_and_no_results_pages_have_no_axe_violations(
    page, live_server, login, axe_violations, demo_users
):
    login("leder-fin")
    page.goto(f"{live_server.url}/sok/?q=")
    assert page.get_by_role("alert").inner_text().startswith("Skriv inn ett eller flere ord")
    assert axe_violations() == []
    page.goto(f"{live_server.url}/sok/?q=zzqqxx")
    expect(page.get_by_text("Ingen treff for «zzqqxx».")).to_be_visible()
    assert axe_violations() == []
