"""Pages of login and account safety pass axe (WCAG 2.1 A/AA)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_lockout_page_has_no_axe_violations(
    page, live_server, login, demo_users, axe_violations, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    login("leder-fin", password="feil")
    login("leder-fin", password="feil")
    assert page.get_by_role("heading", level=1, name="Innloggingen er sperret").is_visible()
    assert page.get_by_text("«leder-fin»").is_visible()
    assert axe_violations() == []


def test_login_page_with_sso_has_no_axe_violations(
    page, live_server, demo_users, axe_violations, settings
):
    settings.OIDC_ENABLED = True
    page.goto(f"{live_server.url}/logg-inn/")
    assert page.get_by_role("link", name="Logg inn med ID-løsning").is_visible()
    assert axe_violations() == []


def test_sso_refusal_page_has_no_axe_violations(page, live_server, demo_users, axe_violations):
    page.goto(f"{live_server.url}/konto/sso-avvist/")
    assert page.get_by_role("heading", level=1, name="Innloggingen ble avvist").is_visible()
    assert axe_violations() == []


def test_account_page_has_no_axe_violations_and_logs_out_everywhere(
    page, live_server, login, demo_users, axe_violations
):
    login("leder-fin")
    page.get_by_role("link", name="Min konto").click()
    assert page.get_by_role("heading", level=1, name="Min konto").is_visible()
    assert axe_violations() == []
    page.get_by_role("button", name="Logg ut overalt").click()
    assert page.get_by_role("heading", level=1, name="Logg inn").is_visible()
    assert page.get_by_text("Du er logget ut på alle enheter").is_visible()


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
    assert table.is_visible()
    assert table.locator("tbody tr").first.get_by_text("koordinator").is_visible()
    assert table.locator("tbody tr").first.get_by_text("Stanset").is_visible()
    assert axe_violations() == []
