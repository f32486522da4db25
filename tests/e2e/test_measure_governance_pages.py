"""The coordinator's new pages for measures (new measure, lead ministry, governance, status)
pass axe in bokmål, nynorsk and English, and a measure made in the browser gets its page."""

import os

import pytest
from playwright.sync_api import expect

from measures.models import Measure

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    ("/tiltak/ny/", {"nb": "Nytt tiltak", "nn": "Nytt tiltak", "en": "New measure"}),
    (
        "/tiltak/T5/styring/",
        {"nb": "Styring av T5", "nn": "Styring av T5", "en": "Governance of T5"},
    ),
    (
        "/tiltak/T4/leder/",
        {
            "nb": "Endre ansvarlig departement for T4",
            "nn": "Endre ansvarleg departement for T4",
            "en": "Change the lead ministry of T4",
        },
    ),
    (
        "/tiltak/T5/status/",
        {
            "nb": "Endre statusen til T5",
            "nn": "Endre statusen til T5",
            "en": "Change the status of T5",
        },
    ),
    ("/tiltak/T5/", {"nb": "T5 Felles IKT", "nn": "T5 Felles IKT", "en": "T5 Shared ICT"}),
]
SHOTS = os.environ.get("SCREENSHOT_DIR")


def _switch_to(page, language: str) -> None:
    page.get_by_label("Språk").select_option(language)
    page.get_by_role("button", name="Bytt").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_new_pages_have_no_axe_violations(
    page, live_server, login, axe_violations, demo_users, language
):
    login("koordinator")
    if language != "nb":
        _switch_to(page, language)
    for path, headings in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1, name=headings[language])).to_be_visible()
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations() == [], path
        if SHOTS:
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=f"{SHOTS}/{language}-{name}.png", full_page=True)


def test_the_coordinator_makes_a_measure_and_sets_its_governance_in_the_browser(
    page, live_server, login, axe_violations, demo_users
):
    login("koordinator")
    page.goto(f"{live_server.url}/tiltak/ny/")
    page.get_by_label("kode").fill("T8")
    page.get_by_label("navn (bokmål)").fill("Felles analyse")
    page.get_by_label("Ansvarlig departement").select_option("FIN")
    page.get_by_label("Målområder").select_option(["MO1"])
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1, name="T8 Felles analyse")).to_be_visible()
    expect(page.get_by_text("Tiltaket er opprettet.")).to_be_visible()
    page.get_by_role("link", name="Endre styring").click()
    page.get_by_label("Deltar i beslutningene").select_option("named")
    page.get_by_label("Departementer som deltar").select_option(["FIN", "KD"])
    page.get_by_label("Rapporteringshyppighet").select_option("yearly")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Styringen av tiltaket er lagret.")).to_be_visible()
    expect(page.get_by_text("FIN, KD")).to_be_visible()
    assert axe_violations() == []
    assert Measure.objects.get(code="T8").governance.reporting_cadence == "yearly"
