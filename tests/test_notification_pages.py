"""The bell in the header and the notifications page, and the same through the API."""

import pytest

from portfolio.models import Notification

pytestmark = pytest.mark.django_db


def _notify(username: str, key: str, url: str = "/forums/") -> Notification:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    return Notification.objects.create(recipient=user, key=key, subject=f"Varsel {key}", url=url)


def test_the_bell_counts_unread_and_opening_marks_read(client_for):
    first = _notify("leder-fin", "a")
    _notify("leder-fin", "b")
    _notify("leder-kdd", "c")
    client = client_for("leder-fin")
    page = client.get("/").content.decode()
    # The count is drawn by the badge and read out from the text beside it.
    assert (
        'data-count="2" aria-hidden="true"></span><span class="ds-sr-only">2 ulest</span>' in page
    )
    listing = client.get("/varsler/").content.decode()
    assert "Varsel a" in listing and "Varsel c" not in listing
    response = client.post(f"/varsler/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == "/forums/"
    assert '<span class="ds-sr-only">1 ulest</span>' in client.get("/").content.decode()
    client.post("/varsler/")
    assert "ds-badge" not in client.get("/").content.decode()


def test_nobody_opens_anothers_notification_and_foreign_links_are_not_followed(client_for):
    other = _notify("leder-kdd", "x")
    assert client_for("leder-fin").post(f"/varsler/{other.pk}/").status_code == 404
    evil = _notify("leder-fin", "y", url="https://example.invalid/")
    response = client_for("leder-fin").post(f"/varsler/{evil.pk}/")
    assert response["Location"] == "/varsler/"


def test_the_api_lists_and_marks_only_the_callers_notifications(api_client_for):
    mine = _notify("leder-fin", "a")
    _notify("leder-fin", "b")
    theirs = _notify("leder-kdd", "c")
    assert api_client_for("anonymous").get("/api/v1/me/notifications/").status_code == 401
    client = api_client_for("leder-fin")
    listed = client.get("/api/v1/me/notifications/").json()["results"]
    assert sorted(n["subject"] for n in listed) == ["Varsel a", "Varsel b"]
    # Another's notification is not found, to read or to mark, and stays unread.
    assert client.get(f"/api/v1/me/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/me/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(f"/api/v1/me/notifications/{mine.pk}/read/")
    assert response.status_code == 200 and response.json()["read_at"]
    mine.refresh_from_db()
    first_read = mine.read_at
    assert client.post(f"/api/v1/me/notifications/{mine.pk}/read/").status_code == 200
    mine.refresh_from_db()
    assert mine.read_at == first_read
    assert client.post("/api/v1/me/notifications/read-all/").json() == {"marked": 1}
    assert not Notification.objects.filter(recipient__username="leder-fin", read_at=None)
    assert Notification.objects.filter(recipient__username="leder-kdd", read_at=None).count() == 1
