"""The API of forum seats, forum members and annual wheels: the secretariat writes through the
same services as the pages, everyone else reads and is refused a write."""

import pytest

from forums.models import Forum, ForumMembership, ForumSeat, Meeting, WheelSlot
from forums.services.wheel import meeting_times
from portfolio.models import AuditEvent

pytestmark = pytest.mark.django_db

REFUSED = ["koordinator", "leder-fin", "observator"]


def _writes(forum: Forum) -> list[tuple[str, str, dict]]:
    seat = forum.seats.order_by("pk").first()
    member = forum.memberships.order_by("pk").first()
    slot = WheelSlot.objects.filter(wheel__forum=forum).order_by("pk").first()
    return [
        ("patch", f"/api/v1/forums/{forum.slug}/", {"mandate_nb": "Nytt mandat."}),
        ("post", "/api/v1/forum-seats/", {"forum": forum.slug, "ministry": "DSS"}),
        ("delete", f"/api/v1/forum-seats/{seat.pk}/", {}),
        ("post", "/api/v1/forum-members/", {"forum": forum.slug, "user": "observator"}),
        ("delete", f"/api/v1/forum-members/{member.pk}/", {}),
        ("patch", f"/api/v1/wheels/{forum.slug}/", {"notice_days": 20}),
        (
            "post",
            "/api/v1/wheel-slots/",
            {"forum": forum.slug, "title": "Ekstra", "month": 3, "week": 1},
        ),
        ("patch", f"/api/v1/wheel-slots/{slot.pk}/", {"week": 1}),
        ("delete", f"/api/v1/wheel-slots/{slot.pk}/", {}),
    ]


def _state(forum: Forum) -> tuple:
    forum.refresh_from_db()
    return (
        forum.mandate_nb,
        sorted(forum.seats.values_list("ministry_id", flat=True)),
        sorted(forum.memberships.values_list("pk", flat=True)),
        list(WheelSlot.objects.filter(wheel__forum=forum).values_list("pk", "week", "title")),
        forum.wheel.notice_days,
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("username", REFUSED)
def test_only_the_secretariat_writes(api_client_for, forum, username):
    client = api_client_for(username)
    before = _state(forum)
    for method, path, body in _writes(forum):
        response = getattr(client, method)(path, body, format="json")
        assert response.status_code == 403, (method, path, response.status_code)
    assert _state(forum) == before
    # Reading is for everyone logged in.
    for path in ("/api/v1/forum-seats/", "/api/v1/forum-members/", "/api/v1/wheel-slots/"):
        assert client.get(path, {"forum": forum.slug}).status_code == 200
    assert client.get(f"/api/v1/wheels/{forum.slug}/").status_code == 200


def test_the_secretariat_writes_each_and_the_audit_log_says_so(api_client_for, forum):
    client = api_client_for("sekretariat")
    for method, path, body in _writes(forum):
        response = getattr(client, method)(path, body, format="json")
        assert response.status_code in (200, 201, 204), (method, path, response.content)
    forum.refresh_from_db()
    assert forum.mandate_nb == "Nytt mandat."
    assert forum.wheel.notice_days == 20
    assert ForumSeat.objects.filter(forum=forum, ministry__abbreviation="DSS").exists()
    assert ForumMembership.objects.filter(forum=forum, user__username="observator").exists()
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {
        "forum.settings_changed",
        "forum.seat_added",
        "forum.seat_removed",
        "forum.member_added",
        "forum.member_removed",
        "wheel.changed",
        "wheel.slot_added",
        "wheel.slot_changed",
        "wheel.slot_removed",
    } <= kinds


def test_the_forum_shows_its_chair_and_mandate(api_client_for, forum):
    body = api_client_for("observator").get(f"/api/v1/forums/{forum.slug}/").json()
    assert body["chair_ministry"] == "KDD"
    assert body["chair_title"] == "Ekspedisjonssjefen i Statsforvaltningsavdelingen"
    assert body["mandate"].startswith("Strategisk forum er KDDs viktigste rådgivningsorgan")
    english = api_client_for("observator").get(
        f"/api/v1/forums/{forum.slug}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["chair_title"].startswith("Director General")


def test_a_patched_slot_moves_its_planned_meetings(api_client_for, forum, meetings_2027):
    meeting = meetings_2027[0]
    response = api_client_for("sekretariat").patch(
        f"/api/v1/wheel-slots/{meeting.slot_id}/", {"week": 4}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["week"] == 4
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.starts_at, meeting.ends_at) == meeting_times(meeting.slot, 2027)
    assert meeting.starts_at.day >= 22


def test_the_lists_run_a_constant_number_of_queries(
    api_client_for, forum, django_assert_max_num_queries
):
    client = api_client_for("observator")
    for path in (
        "/api/v1/forum-seats/",
        "/api/v1/forum-members/",
        "/api/v1/wheel-slots/",
        "/api/v1/wheels/",
        "/api/v1/forums/",
    ):
        with django_assert_max_num_queries(12):
            assert client.get(path).status_code == 200
