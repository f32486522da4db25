"""Error pages use the site's layout, speak the reader's language and offer a way on."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db

HEADINGS = {  # also used by tests/forums/test_forbidden_pages.py
    "404": {"nb": "Vi finner ikke den siden", "en": "We cannot find that page"},
    "403": {"nb": "Du har ikke tilgang til dette", "en": "You do not have access to this"},
    "csrf": {"nb": "Skjemaet er utløpt", "en": "The form has expired"},
}


def in_language(client: Client, language: str) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def has_layout_and_way_on(page: str) -> bool:
    return 'class="portal-header"' in page and 'href="/"' in page and 'id="main"' in page


@pytest.mark.parametrize("language", ["nb", "en"])
def test_not_found_is_a_page_of_the_site(client_for, language):
    response = in_language(client_for("observator"), language).get("/finnes-ikke/")
    page = response.content.decode()
    assert response.status_code == 404
    assert HEADINGS["404"][language] in page and has_layout_and_way_on(page)
    assert 'href="/sok/"' in page


def test_forbidden_under_the_api_stays_json(client_for):
    from strategyportal.errors import permission_denied

    request = RequestFactory().get("/api/v1/anything/")
    response = permission_denied(request, Exception())
    assert response.status_code == 403 and response["Content-Type"] == "application/json"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_failed_csrf_check_says_the_form_expired(demo_users, language):
    client = in_language(Client(enforce_csrf_checks=True), language)
    response = client.post("/logg-inn/", {"username": "observator", "password": "demo"})
    page = response.content.decode()
    assert response.status_code == 403
    assert HEADINGS["csrf"][language] in page and has_layout_and_way_on(page)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("nb", "Noe gikk galt hos oss"), ("en", "Something went wrong on our side")],
)
def test_server_error_is_a_page_of_the_site(language, heading):
    request = RequestFactory().get("/portefolje/")
    with translation.override(language):
        response = defaults.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert heading in page and has_layout_and_way_on(page)
