"""No shared cache or browser history keeps what a logged-in user saw."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from strategyportal.middleware import PrivateCacheControlMiddleware

pytestmark = pytest.mark.django_db

NO_STORE = "private, no-store"


@pytest.mark.parametrize("path", ["/", "/portefolje/", "/saker/", "/konto/"])
def test_pages_of_a_logged_in_user_are_not_stored(client_for, path):
    response = client_for("leder-fin").get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_api_responses_are_not_stored(api_client_for):
    response = api_client_for("leder-fin").get("/api/v1/ministries/")
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    refused = api_client_for("anonymous").get("/api/v1/ministries/")
    assert refused["Cache-Control"] == NO_STORE


def test_calendar_feeds_by_token_are_not_stored(client_for):
    client = client_for("leder-fin")
    client.get("/forums/strategisk-forum/")  # makes the person's feed token
    from forums.models import CalendarToken

    token = CalendarToken.objects.get(user__username="leder-fin").token
    response = client_for("anonymous").get(f"/calendar/me/{token}.ics")
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_view_that_chose_its_own_cache_control_keeps_it(demo_users):
    from django.contrib.auth import get_user_model

    request = RequestFactory().get("/portefolje/")
    request.user = get_user_model().objects.get(username="leder-fin")

    def cached_view(_request):
        response = HttpResponse("x")
        response["Cache-Control"] = "private, no-cache"
        response["ETag"] = '"abc"'
        return response

    response = PrivateCacheControlMiddleware(cached_view)(request)
    assert response["Cache-Control"] == "private, no-cache"
