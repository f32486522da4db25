"""Calendar feed addresses: rotated and revoked on the account page, and by "log out everywhere"."""

import pytest

from forums.models import CalendarToken
from portfolio.models import AuditEvent
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


def _feed_token(client) -> str:
    client.get("/forums/strategisk-forum/")  # the forum page makes the person's feed address
    return CalendarToken.objects.get(user__username="leder-fin").token


def _feed(client_for, token: str) -> int:
    return client_for("anonymous").get(f"/calendar/me/{token}.ics").status_code


def test_the_account_page_rotates_the_feed_address(client_for):
    client = client_for("leder-fin")
    old = _feed_token(client)
    assert "Ny kalenderadresse" in client.get("/konto/").content.decode()
    response = client.post("/konto/kalender/ny/", follow=True)
    assert "Kalenderadressen er byttet." in response.content.decode()
    new = CalendarToken.objects.get(user__username="leder-fin").token
    assert new != old
    assert _feed(client_for, old) == 404
    assert _feed(client_for, new) == 200
    assert AuditEvent.objects.filter(kind="user.calendar_feed_rotated").count() == 1


def test_the_account_page_revokes_the_feed_address(client_for):
    client = client_for("leder-fin")
    old = _feed_token(client)
    response = client.post("/konto/kalender/trekk-tilbake/", follow=True)
    assert "Kalenderadressen er trukket tilbake." in response.content.decode()
    assert not CalendarToken.objects.filter(user__username="leder-fin").exists()
    assert _feed(client_for, old) == 404


def test_rotating_and_revoking_need_a_login_and_touch_nobody_else(client_for):
    mine = _feed_token(client_for("leder-fin"))
    for url in ["/konto/kalender/ny/", "/konto/kalender/trekk-tilbake/"]:
        response = client_for("anonymous").post(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/logg-inn/")
    client_for("koordinator").post("/konto/kalender/trekk-tilbake/")
    assert CalendarToken.objects.get(user=user("leder-fin")).token == mine
    assert client_for("leder-fin").get("/konto/kalender/ny/").status_code == 405


def test_log_out_everywhere_revokes_the_feed_address(client_for):
    client = client_for("leder-fin")
    old = _feed_token(client)
    client.post("/konto/logg-ut-overalt/")
    assert _feed(client_for, old) == 404
    assert not CalendarToken.objects.filter(user__username="leder-fin").exists()
