"""The admin head's main journey in the browser: the start page lists what waits for the
ministry, the dashboard, the proposal in consultation, and the ministry's position recorded;
axe-core on every page, in bokmål."""

import pytest
from playwright.sync_api import expect

from forums.models import Position
from tests.e2e.test_proposals import _open_proposal

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_head_records_the_ministrys_position_from_the_start_page(
    page, live_server, login, axe_violations, demo_users
):
    proposal = _open_proposal()
    title = f"{proposal.register_number} Felles anskaffelsesstrategi"

    login("leder-fin")
    assert axe_violations() == []
    page.get_by_role("link", name="Portefølje").first.click()
    expect(page.get_by_role("heading", level=1, name="Portefølje")).to_be_visible()
    assert axe_violations() == []

    page.get_by_role("link", name="Forside").click()
    waiting = page.get_by_role("region", name="Venter på mitt departement")
    waiting.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    assert axe_violations() == []

    form = page.get_by_role("region", name="Standpunkt for FIN")
    form.get_by_role("radio", name="Tilslutning").check()
    form.get_by_role("button", name="Registrer standpunkt").click()
    expect(page.get_by_text("Standpunktet til FIN er registrert.")).to_be_visible()
    assert axe_violations() == []
    assert Position.objects.get(proposal=proposal).position == "endorse"

    page.get_by_role("link", name="Forside").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name=title)).to_have_count(0)
