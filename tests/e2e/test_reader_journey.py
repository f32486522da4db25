"""The reader's main journey in the browser: the dashboard, a measure, the empty
register without a button to create, the 403 and 404 pages, and one page in English; axe-core on
every page, and the demo banner on each."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_BANNER = "Demodata:"


def test_the_reader_browses_and_meets_clear_empty_states_and_error_pages(
    page, live_server, login, axe_violations, demo_users
):
    def visit(path: str, heading: str) -> None:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1, name=heading).first, path).to_be_visible()
        expect(page.get_by_text(DEMO_BANNER), path).to_be_visible()
        assert axe_violations() == [], path

    login("observator")
    visit("/", "")
    visit("/portefolje/", "Portefølje")
    visit("/tiltak/T5/", "T5")
    visit("/saker/", "Saksregister")
    expect(page.get_by_text("Ingen saker ennå.")).to_be_visible()
    assert page.get_by_role("link", name="Ny sak").count() == 0
    visit("/tiltak/perioder/1/lukk/", "Du har ikke tilgang til dette")
    visit("/finnes-ikke/", "Vi finner ikke den siden")

    page.goto(f"{live_server.url}/saker/")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt").click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_text("No proposals yet.")).to_be_visible()
    expect(page.get_by_text("Demo data:")).to_be_visible()
    assert axe_violations() == []
