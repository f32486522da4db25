"""The coordinator answers an objection with a revision in the browser; the page passes axe in
bokmål and English, and the proposal then shows how the objection was resolved."""

import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Position
from forums.services.proposals import position_record, proposal_create, proposal_open
from portfolio.models import Ministry

pytestmark = pytest.mark.django_db(transaction=True)
ANSWER = "Kostnadene er nå beregnet i punkt 3."
# Set to a folder to keep screenshots of the pages walked.
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def _shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _objected():
    users = get_user_model().objects
    koordinator = users.get(username="koordinator")
    proposal = proposal_open(
        actor=koordinator,
        proposal=proposal_create(
            actor=koordinator,
            title="Felles anskaffelsesstrategi",
            text="Strategisk forum bes gi tilslutning.",
            deadline=timezone.now() + datetime.timedelta(days=7),
        ),
    )
    position_record(
        actor=users.get(username="leder-fin"),
        proposal=proposal,
        ministry=Ministry.objects.get(abbreviation="FIN"),
        position="object",
        reason="Kostnadene er ikke avklart.",
    )
    return proposal


def test_the_coordinator_answers_an_objection_with_a_revision(
    page, live_server, login, demo_users, axe_violations
):
    proposal = _objected()
    login("koordinator")
    page.goto(f"{live_server.url}/saker/{proposal.pk}/")
    page.get_by_role("link", name="Revider teksten").click()
    expect(
        page.get_by_role("heading", level=1, name=f"Revider {proposal.register_number}")
    ).to_be_visible()
    answer = page.get_by_label("Hvordan svarer revisjonen på innsigelsen fra FIN?")
    expect(answer).to_be_visible()
    expect(page.get_by_text("Innsigelsen: Kostnadene er ikke avklart.")).to_be_visible()
    assert axe_violations() == []
    _shoot(page, "revise-nb")

    page.get_by_label("Tekst").fill("Strategisk forum bes gi tilslutning; kostnadene i punkt 3.")
    answer.fill("Svar med \x00")
    page.get_by_role("button", name="Lagre ny versjon").click()
    expect(page.get_by_text("Teksten inneholder et NUL-tegn")).to_be_visible()
    assert axe_violations() == []
    _shoot(page, "revise-error-nb")

    page.get_by_label("Hvordan svarer revisjonen på innsigelsen fra FIN?").fill(ANSWER)
    page.get_by_role("button", name="Lagre ny versjon").click()
    expect(page.get_by_text("En ny versjon er laget")).to_be_visible()
    resolved = page.get_by_role("region", name="Innsigelser som er løst")
    expect(resolved.get_by_role("cell", name=ANSWER)).to_be_visible()
    expect(resolved.get_by_role("cell", name="Besvart med en revisjon")).to_be_visible()
    assert axe_violations() == []
    _shoot(page, "resolved-nb")
    objection = Position.objects.get(proposal=proposal, resolution="answered_by_revision")
    assert objection.resolution_text == ANSWER


def test_the_revise_page_in_english(page, live_server, login, demo_users, axe_violations):
    proposal = _objected()
    login("koordinator")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt").click()
    page.goto(f"{live_server.url}/saker/{proposal.pk}/revider/")
    expect(
        page.get_by_role("heading", level=1, name=f"Revise {proposal.register_number}")
    ).to_be_visible()
    expect(page.get_by_label("How does the revision answer the objection of FIN?")).to_be_visible()
    expect(page.get_by_role("group", name="Answers to the objections")).to_be_visible()
    assert axe_violations() == []
    _shoot(page, "revise-en")
