"""Cached pages and API lists: a user sees their own write at once, nobody sees another's
page, and a browser that has the page gets 304 Not Modified."""

import datetime

import pytest
from django.utils import timezone

from forums.services.proposals import proposal_create
from portfolio.models import Notification
from portfolio.notifications import notification_send
from tests.follow_up import count_queries, open_period, report, user

pytestmark = pytest.mark.django_db


def test_pages_carry_an_etag_and_are_revalidated_with_it(reader):
    client = reader("leder-dfd")
    first = client.get("/portefolje/")
    assert first.status_code == 200
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    # Served from the cache: the session and the user, nothing of the portfolio.
    assert count_queries(client, "/portefolje/") < count_queries(
        reader("leder-dfd"), "/portefolje/"
    )
    again = client.get("/portefolje/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_user_sees_their_own_report_at_once(reader):
    client = reader("leder-dfd")
    period = open_period(2027, 1)
    before = client.get("/tiltak/T5/")
    assert "Pilot delivered." not in before.content.decode()
    report("T5", period, rag="red", achievements="Pilot delivered.")
    after = client.get("/tiltak/T5/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert "Pilot delivered." in after.content.decode()
    assert after["ETag"] != before["ETag"]
    dashboard = client.get("/portefolje/?rag=red").content.decode()
    assert "/tiltak/T5/" in dashboard


def test_one_users_page_is_never_served_to_another(reader):
    notification_send(
        recipients=[user("leder-fin")], key="test:only-fin", subject=lambda: "Bare for FIN"
    )
    fin = reader("leder-fin").get("/")
    kdd = reader("leder-dfd").get("/")  # same CSRF cookie value, same path, same data
    assert "FIN" in fin.content.decode() and 'data-count="1"' in fin.content.decode()
    page = kdd.content.decode()
    assert 'data-count="1"' not in page
    fin_name = user("leder-fin").get_full_name() or "leder-fin"
    assert fin_name in fin.content.decode() and fin_name not in page
    assert fin["ETag"] != kdd["ETag"]
    assert reader("leder-dfd").get("/", headers={"if-none-match": fin["ETag"]}).status_code == 200


def test_reading_a_notification_updates_the_bell_on_cached_pages(reader):
    client = reader("leder-fin")
    notification_send(recipients=[user("leder-fin")], key="test:bell", subject=lambda: "Ny sak")
    assert 'data-count="1"' in client.get("/portefolje/").content.decode()
    notification = Notification.objects.get(key="test:bell")
    client.post(f"/varsler/{notification.pk}/")
    assert 'data-count="1"' not in client.get("/portefolje/").content.decode()


def test_api_lists_are_per_user_and_revalidated(api_client_for):
    proposal_create(
        actor=user("koordinator"),
        title="Utkast bare koordinator ser",
        text="Tekst.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    coordinator = api_client_for("koordinator").get("/api/v1/proposals/")
    titles = [row["title"] for row in coordinator.json()["results"]]
    assert "Utkast bare koordinator ser" in titles
    observer = api_client_for("observator").get("/api/v1/proposals/")
    assert "Utkast bare koordinator ser" not in [row["title"] for row in observer.json()["results"]]
    assert "private" in observer["Cache-Control"] and "no-cache" in observer["Cache-Control"]
    client = api_client_for("observator")
    assert client.get("/api/v1/proposals/", HTTP_IF_NONE_MATCH=observer["ETag"]).status_code == 304


def test_api_measures_list_shows_a_new_report_at_once(api_client_for, demo_users):
    client = api_client_for("leder-dfd")
    rows = {row["code"]: row for row in client.get("/api/v1/measures/").json()["results"]}
    assert rows["T5"]["rag"] is None
    report("T5", open_period(2027, 1), rag="amber")
    rows = {row["code"]: row for row in client.get("/api/v1/measures/").json()["results"]}
    assert rows["T5"]["rag"] == "amber"
