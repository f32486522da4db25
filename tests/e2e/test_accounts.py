"""Pages of login and account safety pass axe (WCAG 2.1 A/AA)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_lockout_page_has_no_axe_violations(
    page, live_server, login, demo_users, axe_violations, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    login("leder-fin", password="feil")
    login("leder-fin", password="feil")
    expect(page.get_by_role("heading", level=1, name="Innloggingen er sperret")).to_be_visible()
    expect(page.get_by_text("«leder-fin»")).to_be_visible()
    assert axe_violations() == []


def test_login_page_with_sso_has_no_axe_violations(
    page, live_server, demo_users, axe_violations, settings
):
    settings.OIDC_ENABLED = True
    page.goto(f"{live_server.url}/logg-inn/")
    expect(page.get_by_role("link", name="Logg inn med ID-løsning")).to_be_visible()
    assert axe_violations() == []


def test_sso_refusal_page_has_no_axe_violations(page, live_server, demo_users, axe_violations):
    page.goto(f"{live_server.url}/konto/sso-avvist/")
    expect(page.get_by_role("heading", level=1, name="Innloggingen ble avvist")).to_be_visible()
    assert axe_violations() == []


def test_account_page_has_no_axe_violations_and_logs_out_everywhere(
    page, live_server, login, demo_users, axe_violations
):
    login("leder-fin")
    page.get_by_role("link", name="Min konto").click()
    expect(page.get_by_role("heading", level=1, name="Min konto")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("button", name="Logg ut overalt").click()
    expect(page.get_by_role("heading", level=1, name="Logg inn")).to_be_visible()
    expect(page.get_by_text("Du er logget ut på alle enheter")).to_be_visible()


def test_measure_history_tab_has_no_axe_violations(
    page, live_server, login, demo_users, axe_violations
):
    from django.contrib.auth import get_user_model

    from measures.models import Measure
    from measures.services.lifecycle import measure_transition

    measure_transition(
        actor=get_user_model().objects.get(username="koordinator"),
        measure=Measure.objects.get(code="T5"),
        to_status="stopped",
    )
    login("leder-fin")
    page.goto(f"{live_server.url}/tiltak/T5/")
    page.get_by_role("link", name="Historikk").click()
    table = page.get_by_role("table", name="Endringer i tiltaket, nyeste først")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first.get_by_text("koordinator")).to_be_visible()
    expect(table.locator("tbody tr").first.get_by_text("Stanset")).to_be_visible()
    assert axe_violations() == []
