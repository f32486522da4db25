"""The caller's own calendar address through the API: seen, rotated and revoked as on the
account page, audited, and never someone else's."""

import pytest

from forums.models import CalendarToken
from portfolio.models import AuditEvent
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db

ADDRESS = "/api/v1/me/calendar-address/"
ROTATE = "/api/v1/me/calendar-address/rotate/"


def _feed(client_for, token: str) -> int:
    return client_for("anonymous").get(f"/calendar/me/{token}.ics").status_code


def _token(username: str) -> str | None:
    return (
        CalendarToken.objects.filter(user__username=username)
        .values_list("token", flat=True)
        .first()
    )


def _page_token(client_for) -> str:
    client_for("leder-fin").get("/forums/strategisk-forum/")  # the forum page makes one
    return _token("leder-fin")


def test_reading_shows_the_address_and_makes_none(api_client_for, client_for):
    client = api_client_for("leder-fin")
    assert client.get(ADDRESS).json() == {"exists": False, "url": None}
    assert _token("leder-fin") is None
    token = _page_token(client_for)
    body = client.get(ADDRESS).json()
    assert body["exists"] is True
    assert body["url"] == f"http://testserver/calendar/me/{token}.ics"


def test_rotating_gives_a_new_address_and_the_old_one_stops_working(api_client_for, client_for):
    old = _page_token(client_for)
    response = api_client_for("leder-fin").post(ROTATE)
    assert response.status_code == 200
    new = _token("leder-fin")
    assert new != old
    assert response.json() == {"exists": True, "url": f"http://testserver/calendar/me/{new}.ics"}
    assert _feed(client_for, old) == 404
    assert _feed(client_for, new) == 200
    event = AuditEvent.objects.get(kind="user.calendar_feed_rotated")
    assert (event.actor.username, event.channel) == ("leder-fin", "api")


def test_rotating_without_an_address_makes_the_first_one(api_client_for, client_for):
    response = api_client_for("leder-fin").post(ROTATE)
    assert response.status_code == 200
    assert _feed(client_for, _token("leder-fin")) == 200


def test_revoking_stops_the_address_at_once(api_client_for, client_for):
    old = _page_token(client_for)
    client = api_client_for("leder-fin")
    assert client.delete(ADDRESS).status_code == 204
    assert _feed(client_for, old) == 404
    assert client.get(ADDRESS).json() == {"exists": False, "url": None}
    event = AuditEvent.objects.get(kind="user.calendar_feed_revoked")
    assert (event.actor.username, event.channel) == ("leder-fin", "api")
    # Nothing left to revoke: nothing changes, nothing is audited.
    assert client.delete(ADDRESS).status_code == 204
    assert AuditEvent.objects.filter(kind="user.calendar_feed_revoked").count() == 1


def test_another_user_cannot_rotate_or_revoke_my_address(api_client_for, client_for):
    mine = _page_token(client_for)
    other = api_client_for("koordinator")
    assert other.post(ROTATE).status_code == 200
    assert other.delete(ADDRESS).status_code == 204
    assert other.get(ADDRESS).json() == {"exists": False, "url": None}
    assert _token("leder-fin") == mine
    assert _feed(client_for, mine) == 200
    audited = AuditEvent.objects.filter(kind__startswith="user.calendar_feed")
    assert {event.target_id for event in audited} == {str(user("koordinator").pk)}


def test_a_body_is_ignored_and_a_login_is_needed(api_client_for, client_for):
    mine = _page_token(client_for)
    anonymous = api_client_for("anonymous")
    assert anonymous.get(ADDRESS).status_code == 401
    assert anonymous.post(ROTATE).status_code == 401
    assert anonymous.delete(ADDRESS).status_code == 401
    assert _token("leder-fin") == mine
    # The address is always the caller's own: a body naming someone else changes nothing.
    other = api_client_for("koordinator")
    response = other.post(ROTATE, {"user": user("leder-fin").pk}, format="json")
    assert response.status_code == 200
    assert _token("leder-fin") == mine


def test_a_session_needs_the_csrf_token(client_for, demo_users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user("leder-fin"))
    assert client.post(ROTATE).status_code == 403
    assert client.delete(ADDRESS).status_code == 403
    assert _token("leder-fin") is None
