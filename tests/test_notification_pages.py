"""The bell in the header and the notifications page."""

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
