"""The notification e-mail choices in a browser, and the error pages a form can end on: the
expired form (CSRF) and the 500 page; axe-core on each, in bokmål and English."""

import pytest
from playwright.sync_api import expect

from portfolio.accounts.models import NotificationPreference

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_chooses_their_notification_emails(
    page, live_server, login, axe_violations, demo_users
):
    login("leder-fin")
    page.goto(f"{live_server.url}/konto/")
    page.get_by_role("link", name="Velg e-post om varsler").click()
    expect(page.get_by_role("heading", level=1, name="E-post om varsler")).to_be_visible()
    expect(page.get_by_text("Valgene gjelder bare e-post.")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("group", name="Møter").get_by_label("Daglig oppsummering").check()
    page.get_by_label("Språk i e-post", exact=True).select_option("en")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Valgene dine for varsler er lagret.")).to_be_visible()
    assert axe_violations() == []
    chosen = NotificationPreference.objects.get(user__username="leder-fin", kind="meeting")
    assert chosen.delivery == "digest"


def test_the_page_in_english_passes_axe(page, live_server, login, axe_violations, demo_users):
    login("leder-fin")
    page.goto(f"{live_server.url}/varsler/")
    page.get_by_role("link", name="Velg e-post om varsler").click()
    page.locator("#language-select").select_option("en")
    page.locator("form.portal-language button").click()
    expect(page.get_by_role("heading", level=1, name="Notification e-mails")).to_be_visible()
    assert axe_violations() == []


def test_an_expired_form_ends_on_a_page_that_passes_axe(
    page, live_server, login, axe_violations, demo_users
):
    login("leder-fin")
    page.goto(f"{live_server.url}/konto/varsler/")
    page.evaluate(
        "document.querySelectorAll('input[name=csrfmiddlewaretoken]')"
        ".forEach((input) => { input.value = 'x'.repeat(64); })"
    )
    page.locator("main").get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1, name="Skjemaet er utløpt")).to_be_visible()
    assert axe_violations() == []
    assert not NotificationPreference.objects.exists()


def test_the_500_page_passes_axe(page, live_server, axe_violations, settings):
    settings.ROOT_URLCONF = "tests.e2e.error_urls"
    response = page.goto(f"{live_server.url}/feiler/")
    assert response.status == 500
    expect(page.get_by_role("heading", level=1, name="Noe gikk galt hos oss")).to_be_visible()
    assert axe_violations() == []
