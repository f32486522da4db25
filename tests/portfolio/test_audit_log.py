"""The global audit log: who may read it, what its filters do, and that nothing in it can be
changed, in the web UI (/revisjonslogg/) and the API (/api/v1/audit-events/)."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection, reset_queries
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.models import CoreGroup, Measure
from portfolio.audit import audit_channel, audit_kind_label, audit_kinds, audit_record
from portfolio.audit_log.filters import tracked_models
from portfolio.audit_log.selectors import Cursor, field_change_page
from portfolio.models import AuditEvent, Ministry

pytestmark = pytest.mark.django_db

EVENTS = "/revisjonslogg/"
CHANGES = "/revisjonslogg/feltendringer/"
API = "/api/v1/audit-events/"
OSLO = ZoneInfo("Europe/Oslo")


def user(username: str):
    return get_user_model().objects.get(username=username)


def event(*, actor, kind, target, ministry=None, channel="ui", at=None, **values):
    """An audit event as a service writes it, moved to the given time (Oslo)."""
    with audit_channel(channel):
        recorded = audit_record(actor=actor, kind=kind, target=target, ministry=ministry, **values)
    if at is not None:
        AuditEvent.objects.filter(pk=recorded.pk).update(occurred_at=at.replace(tzinfo=OSLO))
        recorded.refresh_from_db()
    return recorded


@pytest.fixture
def trail(demo_users):
    """Three events that differ in every filtered attribute, in 2020 (before any other)."""
    fin = Ministry.objects.get(abbreviation="FIN")
    kdd = Ministry.objects.get(abbreviation="KDD")
    return {
        "coordinator": event(
            actor=user("koordinator"),
            kind="measure.transitioned",
            target=Measure.objects.get(code="T5"),
            ministry=fin,
            channel="ui",
            at=datetime.datetime(2020, 1, 10, 12, 0),
            before={"status": "active"},
            after={"status": "stopped"},
        ),
        "head": event(
            actor=user("leder-fin"),
            kind="risk.changed",
            target=kdd,
            ministry=kdd,
            channel="api",
            # Late on the last day of February, Norwegian time (22:30 UTC).
            at=datetime.datetime(2020, 2, 28, 23, 30),
        ),
        "system": event(
            actor=None,
            kind="period.opened",
            target=CoreGroup.objects.first(),
            channel="task",
            # Just after midnight on 29 February, Norwegian time (still the 28th in UTC).
            at=datetime.datetime(2020, 2, 29, 0, 30),
            note="Opened by the beat schedule.",
        ),
    }


# --- Who may read it ---------------------------------------------------------------------


@pytest.mark.parametrize("url", [EVENTS, CHANGES])
@pytest.mark.parametrize("username", ["leder-fin", "sekretariat", "observator"])
def test_the_pages_are_refused_to_other_roles(client_for, url, username):
    assert client_for(username).get(url).status_code == 403


@pytest.mark.parametrize("url", [EVENTS, CHANGES])
def test_anonymous_users_are_sent_to_the_login_page(client_for, url):
    response = client_for("anonymous").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


@pytest.mark.parametrize("url", [EVENTS, CHANGES])
@pytest.mark.parametrize("username", ["koordinator", "admin"])
def test_the_coordinator_and_administrators_read_the_pages(client_for, url, username):
    assert client_for(username).get(url).status_code == 200


def test_the_view_permission_alone_gives_access(client_for):
    head = user("leder-fin")
    head.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    assert client_for("leder-fin").get(EVENTS).status_code == 200
    assert client_for("leder-fin").get(API).status_code == 200


def test_the_main_menu_links_the_log_only_for_those_who_may_read_it(client_for):
    link = 'href="/revisjonslogg/"'
    assert link in client_for("koordinator").get("/").content.decode()
    assert link in client_for("admin").get("/").content.decode()
    assert link not in client_for("leder-fin").get("/").content.decode()
    assert link not in client_for("observator").get("/").content.decode()


@pytest.mark.parametrize("username", ["leder-fin", "sekretariat", "observator"])
def test_the_api_is_refused_to_other_roles(api_client_for, trail, username):
    client = api_client_for(username)
    assert client.get(API).status_code == 403
    assert client.get(f"{API}{trail['head'].pk}/").status_code == 403


def test_the_api_needs_authentication(api_client_for, trail):
    client = api_client_for("anonymous")
    response = client.get(API)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert client.get(f"{API}{trail['head'].pk}/").status_code == 401


@pytest.mark.parametrize("username", ["koordinator", "admin"])
def test_the_coordinator_and_administrators_read_the_api(api_client_for, trail, username):
    client = api_client_for(username)
    listing = client.get(API)
    assert listing.status_code == 200
    assert {"count", "next", "previous", "results"} <= set(listing.json())
    detail = client.get(f"{API}{trail['coordinator'].pk}/")
    assert detail.status_code == 200
    assert detail.json() == {
        "id": trail["coordinator"].pk,
        "occurred_at": detail.json()["occurred_at"],
        "actor": "koordinator",
        "ministry": "FIN",
        "kind": "measure.transitioned",
        "kind_label": detail.json()["kind_label"],
        "channel": "ui",
        "request_id": None,
        "model": "measures.measure",
        "object_id": str(Measure.objects.get(code="T5").pk),
        "object_label": str(Measure.objects.get(code="T5")),
        "before": {"status": "active"},
        "after": {"status": "stopped"},
        "note": "",
    }
    assert detail.json()["occurred_at"].startswith("2020-01-10T12:00:00+01:00")


# --- Nothing can be changed ---------------------------------------------------------------


def test_the_api_refuses_every_write(api_client_for, trail):
    client = api_client_for("admin")
    detail = f"{API}{trail['head'].pk}/"
    assert client.post(API, {"kind": "x.y"}, format="json").status_code == 405
    assert client.put(detail, {"kind": "x.y"}, format="json").status_code == 405
    assert client.patch(detail, {"note": "edited"}, format="json").status_code == 405
    assert client.delete(detail).status_code == 405
    trail["head"].refresh_from_db()
    assert (trail["head"].kind, trail["head"].note) == ("risk.changed", "")


def test_the_pages_accept_no_posts(client_for):
    assert client_for("admin").post(EVENTS).status_code == 405
    assert client_for("admin").post(CHANGES).status_code == 405


def test_audit_events_are_read_only_in_the_admin(client_for, trail):
    admin = client_for("admin")
    pk = trail["head"].pk
    assert admin.get("/admin/portfolio/auditevent/").status_code == 200
    assert admin.get("/admin/portfolio/auditevent/add/").status_code == 403
    page = admin.get(f"/admin/portfolio/auditevent/{pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin.post(f"/admin/portfolio/auditevent/{pk}/change/", {"note": "x"}).status_code == 403
    assert (
        admin.post(f"/admin/portfolio/auditevent/{pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert AuditEvent.objects.filter(pk=pk, note="").exists()


# --- The filters --------------------------------------------------------------------------


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


YEAR_2020 = {"occurred_after": "2020-01-01", "occurred_before": "2020-12-31"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"coordinator", "head", "system"}),
        ({"actor": "koordinator"}, {"coordinator"}),
        ({"actor": "leder-fin"}, {"head"}),
        ({"ministry": "FIN"}, {"coordinator"}),
        ({"ministry": "KDD"}, {"head"}),
        ({"model": "measures.measure"}, {"coordinator"}),
        ({"model": "portfolio.ministry"}, {"head"}),
        ({"model": "measures.coregroup"}, {"system"}),
        ({"model": "auth.user"}, set()),
        ({"kind": "risk.changed"}, {"head"}),
        ({"channel": "task"}, {"system"}),
        ({"channel": "api"}, {"head"}),
        ({"occurred_before": "2020-01-31"}, {"coordinator"}),
        ({"occurred_after": "2020-02-01", "occurred_before": "2020-02-28"}, {"head"}),
        ({"occurred_after": "2020-02-29", "occurred_before": "2020-02-29"}, {"system"}),
        ({"actor": "koordinator", "channel": "api"}, set()),
    ],
)
def test_each_api_filter_narrows_the_events(api_client_for, trail, params, expected):
    found = _ids(api_client_for("koordinator").get(API, {**YEAR_2020, **params}))
    assert found == {trail[name].pk for name in expected}


def test_the_api_lists_newest_first_and_pages_like_the_other_lists(api_client_for, trail):
    body = api_client_for("koordinator").get(API, {"occurred_before": "2020-12-31"}).json()
    assert [row["id"] for row in body["results"]] == [
        trail["system"].pk,
        trail["head"].pk,
        trail["coordinator"].pk,
    ]
    assert body["count"] == 3
    assert body["next"] is None


@pytest.mark.parametrize(
    ("params", "field", "english"),
    [
        ({"actor": "nobody"}, "actor", "Select a valid choice"),
        ({"ministry": "XYZ"}, "ministry", "Select a valid choice"),
        ({"model": "auth.group"}, "model", "Select a valid choice"),
        ({"kind": "no.such_kind"}, "kind", "Select a valid choice"),
        ({"channel": "fax"}, "channel", "Select a valid choice"),
        ({"occurred_after": "yesterday"}, "occurred_after", "Enter a valid date."),
        (
            {"occurred_after": "2020-03-01", "occurred_before": "2020-02-01"},
            "occurred_before",
            "The end date is before the start date.",
        ),
    ],
)
def test_bad_api_filter_values_give_400_with_a_translated_message(
    api_client_for, params, field, english
):
    client = api_client_for("koordinator")
    response = client.get(API, params, headers={"accept-language": "en"})
    assert response.status_code == 400
    assert english in response.json()[field][0]
    norwegian = client.get(API, params, headers={"accept-language": "nb"})
    assert norwegian.status_code == 400
    assert norwegian.json()[field][0] != response.json()[field][0]


def _page_ids(response) -> set[int]:
    assert response.status_code == 200
    return {row["event"].pk for row in response.context["rows"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"occurred_before": "2020-12-31"}, {"coordinator", "head", "system"}),
        ({"actor": "leder-fin", "occurred_before": "2020-12-31"}, {"head"}),
        ({"ministry": "FIN", "occurred_before": "2020-12-31"}, {"coordinator"}),
        ({"model": "measures.coregroup", "occurred_before": "2020-12-31"}, {"system"}),
        ({"kind": "measure.transitioned", "occurred_before": "2020-12-31"}, {"coordinator"}),
        ({"channel": "api", "occurred_before": "2020-12-31"}, {"head"}),
        ({"occurred_after": "2020-02-29", "occurred_before": "2020-12-31"}, {"system"}),
    ],
)
def test_each_filter_narrows_the_events_page(client_for, trail, params, expected):
    response = client_for("koordinator").get(EVENTS, params)
    assert _page_ids(response) == {trail[name].pk for name in expected}


def test_the_events_page_shows_who_when_what_and_links_the_object(client_for, trail):
    client = client_for("koordinator")
    response = client.get(
        EVENTS, {"occurred_before": "2020-12-31"}, headers={"accept-language": "en"}
    )
    html = response.content.decode()
    assert "Status of the measure changed" in html
    assert 'href="/tiltak/T5/"' in html
    assert "<del>active</del>" in html and "<ins>stopped</ins>" in html
    assert "Opened by the beat schedule." in html
    assert "Background task" in html
    assert '<th scope="col">Who</th>' in html
    newest = response.context["rows"][0]
    assert newest["event"] == trail["system"]
    assert newest["url"] == CoreGroup.objects.first().get_absolute_url()
    nb = client.get(EVENTS, {"occurred_before": "2020-12-31"}, headers={"accept-language": "nb"})
    assert "Revisjonslogg" in nb.content.decode()
    assert str(audit_kind_label("measure.transitioned")) in nb.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "nobody"},
        {"occurred_after": "31.13.2020"},
        {"occurred_after": "2020-03-01", "occurred_before": "2020-02-01"},
        {"model": "<script>"},
    ],
)
@pytest.mark.parametrize("url", [EVENTS, CHANGES])
def test_bad_filter_values_on_the_page_give_a_message_not_an_error(client_for, url, params):
    response = client_for("koordinator").get(url, params, headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filter values are not valid." in html
    assert 'aria-invalid="true"' in html
    assert response.context["page"] is None


def test_a_broken_older_link_shows_the_newest_changes(client_for):
    client = client_for("koordinator")
    # A change of its own, so the newest page is not empty whatever ran before.
    posted = client.post("/tiltak/T5/status/", {"to_status": "stopped", "decided_on": "2027-01-05"})
    assert posted.status_code == 302
    response = client.get(CHANGES, {"older": "not-a-cursor"})
    assert response.status_code == 200
    assert response.context["cursor_error"]
    assert response.context["page"].entries


# --- Field changes ------------------------------------------------------------------------


def test_a_change_made_in_the_web_ui_shows_with_the_acting_user(client_for):
    client = client_for("koordinator")
    posted = client.post("/tiltak/T5/status/", {"to_status": "stopped", "decided_on": "2027-01-05"})
    assert posted.status_code == 302
    response = client.get(CHANGES, {"model": "measures.measure"}, headers={"accept-language": "en"})
    newest = response.context["page"].entries[0]
    assert (newest["user"], newest["channel"], newest["url"]) == (
        "koordinator",
        "Web",
        "/tiltak/T5/",
    )
    assert newest["ministry"] == user("koordinator").profile.ministry.abbreviation
    assert newest["object"] == "Measure T5"
    assert {"old": "Active", "new": "Stopped"} in [
        {"old": c["old"], "new": c["new"]} for c in newest["changes"]
    ]
    assert 'href="/tiltak/T5/"' in response.content.decode()


def test_a_change_made_through_the_api_shows_with_the_acting_user(api_client_for, client_for):
    api = api_client_for("leder-fin")
    risk = api.post(
        "/api/v1/risks/",
        {
            "measure": "T4",
            "title": "Budsjett",
            "probability": 2,
            "impact": 5,
            "owner_ministry": "FIN",
        },
        format="json",
    )
    assert risk.status_code == 201
    changed = api.patch(
        f"/api/v1/risks/{risk.json()['id']}/", {"response": "Buffer"}, format="json"
    )
    assert changed.status_code == 200
    response = client_for("admin").get(
        CHANGES, {"actor": "leder-fin", "model": "measures.risk"}, headers={"accept-language": "en"}
    )
    first, second = response.context["page"].entries[:2]
    assert (first["user"], first["ministry"], first["channel"]) == ("leder-fin", "FIN", "API")
    assert ("", "Buffer") in [(c["old"], c["new"]) for c in first["changes"]]
    assert second["type"] == "+"


@pytest.fixture
def edits(demo_users):
    """Two edits of T5's English name: by the coordinator on the web, by an admin head via the API."""
    measure = Measure.objects.get(code="T5")
    for username, channel, name in [
        ("koordinator", "ui", "Common ICT"),
        ("leder-fin", "api", "Joint ICT"),
    ]:
        with audit_channel(channel):
            measure.name_en = name
            measure._history_user = user(username)
            measure.save()
    return measure


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"model": "measures.measure", "actor": "koordinator"}, ["Common ICT"]),
        ({"model": "measures.measure", "ministry": "FIN"}, ["Joint ICT"]),
        ({"model": "measures.measure", "channel": "api"}, ["Joint ICT"]),
        ({"actor": "leder-fin"}, ["Joint ICT"]),
        ({"model": "forums.proposal", "actor": "koordinator"}, []),
        ({"model": "measures.measure", "occurred_before": "2020-01-01"}, []),
    ],
)
def test_each_filter_narrows_the_field_changes(client_for, edits, params, names):
    response = client_for("koordinator").get(CHANGES, params)
    found = [
        change["new"]
        for entry in response.context["page"].entries
        for change in entry["changes"]
        if change["new"] in {"Common ICT", "Joint ICT"}
    ]
    assert found == names


def test_field_changes_from_today_include_the_edits(client_for, edits):
    today = timezone.localdate().isoformat()
    response = client_for("koordinator").get(
        CHANGES, {"model": "measures.measure", "occurred_after": today, "occurred_before": today}
    )
    users = [entry["user"] for entry in response.context["page"].entries]
    assert users[:2] == ["leder-fin", "koordinator"]


INSTANT = datetime.datetime(2019, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def same_instant(edits):
    """T5's history and the first records of two other tables all share one timestamp."""
    # Test set-up only: history querysets refuse updates, so the plain QuerySet's is used.
    QuerySet.update(edits.history.all(), history_date=INSTANT)
    for model in (Ministry, CoreGroup):
        ids = list(model.history.order_by("history_id").values_list("history_id", flat=True)[:3])
        QuerySet.update(model.history.filter(history_id__in=ids), history_date=INSTANT)
    rows = [
        (record.history_date, model._meta.label_lower, record.history_id)
        for model in tracked_models()
        for record in model.history.filter(history_date=INSTANT)
    ]
    return sorted(rows, reverse=True)


@pytest.mark.parametrize("size", [1, 4])
def test_older_pages_continue_exactly_where_the_last_ended(same_instant, size):
    filters = {"occurred_after": INSTANT.date(), "occurred_before": INSTANT.date()}
    cursors, cursor = [], None
    while True:
        page = field_change_page(filters=filters, older_than=cursor, size=size)
        if page.older is None:
            break
        assert Cursor.parse(str(page.older)) == page.older
        cursors.append((page.older.date, page.older.model, page.older.history_id))
        cursor = page.older
    expected = same_instant
    assert len(expected) > 8
    assert cursors == [expected[end - 1] for end in range(size, len(expected), size)]


# --- A constant number of queries ---------------------------------------------------------


def _queries(client, url: str, params: dict) -> int:
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_the_events_page_and_api_take_the_same_queries_for_few_and_many_events(
    client_for, api_client_for, demo_users
):
    client, api = client_for("koordinator"), api_client_for("koordinator")
    params = {"occurred_before": "2020-12-31"}
    targets = [Measure.objects.get(code="T5"), CoreGroup.objects.first(), Ministry.objects.first()]

    def add(number: int) -> None:
        for index in range(number):
            event(
                actor=user("leder-fin"),
                kind="risk.changed",
                target=targets[index % 3],
                ministry=Ministry.objects.get(abbreviation="FIN"),
                at=datetime.datetime(2020, 5, 1, 12, 0) + datetime.timedelta(minutes=index),
                before={"a": index},
                after={"a": index + 1},
            )

    add(3)
    _queries(api, API, params)  # The API client keeps its user object: warm its role cache.
    few = (_queries(client, EVENTS, params), _queries(api, API, params))
    add(60)
    many = (_queries(client, EVENTS, params), _queries(api, API, params))
    assert few == many
    assert len(client.get(EVENTS, params).context["rows"]) == 50


def test_the_field_changes_take_the_same_queries_for_few_and_many_changes(client_for, demo_users):
    client = client_for("koordinator")
    params = {"model": "measures.measure"}
    measure = Measure.objects.get(code="T5")

    def edit(number: int) -> None:
        for index in range(number):
            measure.name_en = f"Common ICT {index}"
            measure._history_user = user("koordinator")
            measure.save()

    edit(2)
    few = _queries(client, CHANGES, params)
    edit(60)
    many = _queries(client, CHANGES, params)
    assert few == many
    unfiltered_few = _queries(client, CHANGES, {})
    edit(5)
    assert _queries(client, CHANGES, {}) <= unfiltered_few + 1
    # One bounded query per history table, a few per page: never one per row.
    assert unfiltered_few < 2 * len(tracked_models()) + 15


# --- Event kinds --------------------------------------------------------------------------


def test_every_event_kind_the_services_write_has_a_label():
    written = set()
    for app in ("portfolio", "measures", "forums"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if "kind=" in line:
                    written |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', line))
    assert written, "the scan found no kinds"
    assert written - set(audit_kinds()) == set()
