"""The secretariat keeps a forum's chair, mandate, ministries, people and annual wheel in the
portal; everyone else is refused, in the pages as in the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forums.models import AnnualWheel, Forum, ForumMembership, ForumSeat, Meeting, WheelSlot
from forums.services.forum_admin import (
    forum_member_add,
    forum_seat_add,
    forum_settings_save,
)
from forums.services.meetings import meeting_reschedule
from forums.services.wheel import meeting_times
from forums.services.wheel_edit import wheel_settings_save, wheel_slot_remove, wheel_slot_save
from portfolio.models import AuditEvent
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

REFUSED = ["koordinator", "leder-fin", "observator"]


def _pages(forum: Forum) -> list[str]:
    slot = WheelSlot.objects.filter(wheel__forum=forum).first()
    return [
        reverse("forums:forum-manage", args=[forum.slug]),
        reverse("forums:wheel-edit", args=[forum.slug]),
        reverse("forums:wheel-slot-edit", args=[forum.slug, slot.pk]),
    ]


def _posts(forum: Forum) -> list[tuple[str, dict]]:
    seat = forum.seats.order_by("pk").first()
    member = forum.memberships.order_by("pk").first()
    slot = WheelSlot.objects.filter(wheel__forum=forum).order_by("pk").first()
    return [
        (reverse("forums:forum-manage-action", args=[forum.slug, "settings"]), {}),
        (
            reverse("forums:forum-manage-action", args=[forum.slug, "seat"]),
            {"seat-ministry": ministry("DSS").pk},
        ),
        (
            reverse("forums:forum-manage-action", args=[forum.slug, "member"]),
            {"member-user": user("observator").pk, "member-role": "member"},
        ),
        (reverse("forums:forum-seat-remove", args=[forum.slug, seat.pk]), {}),
        (reverse("forums:forum-member-remove", args=[forum.slug, member.pk]), {}),
        (reverse("forums:wheel-action", args=[forum.slug, "settings"]), {}),
        (reverse("forums:wheel-action", args=[forum.slug, "slot"]), {}),
        (reverse("forums:wheel-slot-edit", args=[forum.slug, slot.pk]), {}),
        (reverse("forums:wheel-slot-remove", args=[forum.slug, slot.pk]), {}),
    ]


def _state(forum: Forum) -> tuple:
    forum.refresh_from_db()
    return (
        forum.mandate_nb,
        forum.chair_ministry_id,
        sorted(forum.seats.values_list("ministry_id", flat=True)),
        sorted(forum.memberships.values_list("user_id", "role")),
        list(WheelSlot.objects.filter(wheel__forum=forum).values_list("pk", "month", "title")),
        list(AnnualWheel.objects.filter(forum=forum).values_list("notice_days", "papers_days")),
    )


@pytest.mark.parametrize("username", REFUSED)
def test_only_the_secretariat_opens_and_posts_to_the_forum_pages(client_for, forum, username):
    client = client_for(username)
    before = _state(forum)
    for url in _pages(forum):
        assert client.get(url).status_code == 403, url
    for url, data in _posts(forum):
        assert client.post(url, data).status_code == 403, url
    assert _state(forum) == before
    page = client.get(reverse("forums:forum-detail", args=[forum.slug])).content.decode()
    assert reverse("forums:forum-manage", args=[forum.slug]) not in page


def test_the_secretariat_opens_the_pages_and_finds_them_linked(client_for, forum):
    client = client_for("sekretariat")
    for url in _pages(forum):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("forums:forum-detail", args=[forum.slug])).content.decode()
    assert reverse("forums:forum-manage", args=[forum.slug]) in page
    assert reverse("forums:wheel-edit", args=[forum.slug]) in page


@pytest.mark.parametrize("username", [*REFUSED, "leder-kdd"])
def test_the_services_refuse_everyone_but_the_secretariat(forum, username):
    actor = user(username)
    slot = WheelSlot.objects.filter(wheel__forum=forum).first()
    calls = [
        lambda: forum_settings_save(
            actor=actor, forum=forum, chair_ministry=None, mandate_nb="Mandat"
        ),
        lambda: forum_seat_add(actor=actor, forum=forum, ministry=ministry("DSS")),
        lambda: forum_member_add(actor=actor, forum=forum, user=user("observator")),
        lambda: wheel_settings_save(
            actor=actor, forum=forum, notice_days=9, papers_days=3, minutes_days=9, review_days=5
        ),
        lambda: wheel_slot_remove(actor=actor, slot=slot),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


def test_the_chair_and_mandate_are_saved_and_shown(client_for, forum):
    client = client_for("sekretariat")
    response = client.post(
        reverse("forums:forum-manage-action", args=[forum.slug, "settings"]),
        {
            "settings-chair_ministry": ministry("DFD").pk,
            "settings-chair_title_nb": "Ekspedisjonssjefen i Avdeling for statlig styring",
            "settings-mandate_nb": "Forumet gir råd om fellestjenestene.",
        },
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.chair_ministry.abbreviation == "DFD"
    assert AuditEvent.objects.filter(kind="forum.settings_changed").exists()
    page = client_for("observator").get(reverse("forums:forum-detail", args=[forum.slug]))
    text = page.content.decode()
    assert "Ekspedisjonssjefen i Avdeling for statlig styring" in text
    assert "Forumet gir råd om fellestjenestene." in text


def test_a_person_and_a_ministry_are_added_and_removed(client_for, forum):
    client = client_for("sekretariat")
    service = Forum.objects.get(slug="hr-tjenester")
    url = reverse("forums:forum-manage-action", args=[service.slug, "member"])
    response = client.post(url, {"member-user": user("leder-fin").pk, "member-role": "chair"})
    assert response.status_code == 302
    membership = ForumMembership.objects.get(forum=service, user=user("leder-fin"))
    assert membership.ministry.abbreviation == "FIN"
    page = client_for("observator").get(reverse("forums:forum-detail", args=[service.slug]))
    assert "leder-fin" in page.content.decode()
    url = reverse("forums:forum-manage-action", args=[service.slug, "seat"])
    assert client.post(url, {"seat-ministry": ministry("FIN").pk}).status_code == 302
    seat = ForumSeat.objects.get(forum=service, ministry=ministry("FIN"))
    # Naming the same seat twice is refused on the form and changes nothing.
    again = client.post(url, {"seat-ministry": ministry("FIN").pk})
    assert again.status_code == 400
    assert "Departementet har allerede plass i forumet." in again.content.decode()
    remove = reverse("forums:forum-member-remove", args=[service.slug, membership.pk])
    assert client.post(remove).status_code == 302
    remove = reverse("forums:forum-seat-remove", args=[service.slug, seat.pk])
    assert client.post(remove).status_code == 302
    assert not service.memberships.exists() and not service.seats.exists()
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"forum.member_added", "forum.member_removed", "forum.seat_added"} <= kinds


def test_a_member_ending_before_starting_is_refused(client_for, forum):
    client = client_for("sekretariat")
    before = _state(forum)
    response = client.post(
        reverse("forums:forum-manage-action", args=[forum.slug, "member"]),
        {
            "member-user": user("observator").pk,
            "member-role": "member",
            "member-valid_from": "2027-03-01",
            "member-valid_to": "2027-02-01",
        },
    )
    assert response.status_code == 400
    assert _state(forum) == before


# --- The wheel and the meetings ahead -----------------------------------------------------


def _slot_values(slot: WheelSlot, **changes) -> dict:
    values = {
        "title": slot.title,
        "month": slot.month,
        "day": slot.day,
        "week": slot.week,
        "weekday": slot.weekday,
        "start_time": slot.start_time,
        "duration_minutes": slot.duration_minutes,
        "place": slot.place,
        "video_link": slot.video_link,
        "standing_topics": slot.standing_topics,
    }
    return {**values, **changes}


def test_a_changed_slot_moves_the_planned_meetings_ahead_only(forum, meetings_2027):
    secretariat = user("sekretariat")
    first, second = meetings_2027[0], meetings_2027[1]
    # The second meeting was moved by hand; the third has its notice out.
    moved = meeting_reschedule(
        actor=secretariat, meeting=second, starts_at=second.starts_at + datetime.timedelta(days=1)
    )
    third = meetings_2027[2]
    Meeting.objects.filter(pk=third.pk).update(status=Meeting.Status.NOTICE_SENT)
    for meeting in (first, moved, third):
        slot = meeting.slot
        wheel_slot_save(
            actor=secretariat,
            forum=forum,
            slot=slot,
            **_slot_values(
                slot,
                title=f"{slot.title} (ny)",
                week=1,
                standing_topics=f"{slot.standing_topics}\nNytt fast punkt",
            ),
        )
    first.refresh_from_db()
    slot = first.slot
    assert (first.starts_at, first.ends_at) == meeting_times(slot, 2027)
    assert first.starts_at.day <= 7  # the first week of the month now
    assert first.title.endswith("(ny)") and first.sequence == 1
    assert "Nytt fast punkt" in set(first.agenda_items.values_list("title", flat=True))
    moved_again = Meeting.objects.get(pk=moved.pk)
    assert moved_again.starts_at == moved.starts_at  # moved by hand: keeps its own date
    assert Meeting.objects.get(pk=third.pk).starts_at == third.starts_at  # notice is out


def test_a_removed_slot_cancels_its_planned_meetings_ahead(forum, meetings_2027):
    meeting = meetings_2027[0]
    wheel_slot_remove(actor=user("sekretariat"), slot=meeting.slot)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.slot is None
    assert meeting.sequence == 1
    assert WheelSlot.objects.filter(wheel__forum=forum).count() == 4


def test_a_new_slot_plans_this_and_next_year_once(forum):
    service = Forum.objects.get(slug="digitale-tjenester")
    secretariat = user("sekretariat")
    slot = wheel_slot_save(
        actor=secretariat,
        forum=service,
        title="Brukerforum",
        month=12,
        day=None,
        week=5,
        weekday=WheelSlot.Weekday.THURSDAY,
        start_time=datetime.time(13, 0),
        duration_minutes=90,
        standing_topics="Innspill til DSS",
    )
    from django.utils import timezone

    today = timezone.localdate()
    years = sorted(slot.meetings.values_list("year", flat=True))
    expected = [y for y in (today.year, today.year + 1) if slot.date_in(y) >= today]
    assert years == expected
    meeting = slot.meetings.order_by("year").last()
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Innspill til DSS"]
    # Saving the slot again with the same values changes no meeting and plans none twice.
    wheel_slot_save(actor=secretariat, forum=service, slot=slot, **_slot_values(slot))
    assert sorted(slot.meetings.values_list("year", flat=True)) == expected
    assert not service.wheel.illustrative


def test_the_deadlines_follow_the_offsets(client_for, forum, meetings_2027):
    client = client_for("sekretariat")
    response = client.post(
        reverse("forums:wheel-action", args=[forum.slug, "settings"]),
        {
            "wheel-notice_days": 21,
            "wheel-papers_days": 10,
            "wheel-minutes_days": 7,
            "wheel-review_days": 5,
        },
    )
    assert response.status_code == 302
    forum.wheel.refresh_from_db()
    assert (forum.wheel.notice_days, forum.wheel.papers_days) == (21, 10)
    page = client.get(reverse("forums:forum-detail", args=[forum.slug]) + "?year=2027")
    day = meetings_2027[0].starts_at.date() - datetime.timedelta(days=21)
    from django.utils.formats import date_format

    assert date_format(day, "MONTH_DAY_FORMAT") in page.content.decode()


def test_papers_due_before_the_notice_are_refused(client_for, forum):
    client = client_for("sekretariat")
    before = _state(forum)
    response = client.post(
        reverse("forums:wheel-action", args=[forum.slug, "settings"]),
        {
            "wheel-notice_days": 5,
            "wheel-papers_days": 10,
            "wheel-minutes_days": 7,
            "wheel-review_days": 5,
        },
    )
    assert response.status_code == 400
    assert _state(forum) == before


def test_a_slot_with_both_a_day_and_a_week_is_refused(client_for, forum):
    client = client_for("sekretariat")
    before = _state(forum)
    response = client.post(
        reverse("forums:wheel-action", args=[forum.slug, "slot"]),
        {
            "slot-title": "Ekstra",
            "slot-month": 3,
            "slot-week": 2,
            "slot-day": 10,
            "slot-weekday": 1,
            "slot-start_time": "09:00",
            "slot-duration_minutes": 60,
        },
    )
    assert response.status_code == 400
    assert _state(forum) == before


# --- Reference data -----------------------------------------------------------------------


def test_the_sources_chair_and_mandate_are_loaded_once_and_edits_stay(forum):
    import io

    from django.core.management import call_command

    assert forum.chair_ministry.abbreviation == "KDD"
    assert forum.chair_title_nb == "Ekspedisjonssjefen i Statsforvaltningsavdelingen"
    assert "rådgivningsorgan" in forum.mandate_nb
    assert forum.is_unconfirmed("chair_ministry")
    service = Forum.objects.get(slug="digitale-tjenester")
    assert "ikke beslutningsorganer" in service.mandate_nb
    forum_settings_save(
        actor=user("sekretariat"),
        forum=forum,
        chair_ministry=ministry("DFD"),
        chair_title_nb="Ekspedisjonssjefen",
        mandate_nb="Vedtatt mandat.",
    )
    call_command("load_reference_data", stdout=io.StringIO())
    forum.refresh_from_db()
    assert (forum.chair_ministry.abbreviation, forum.mandate_nb) == ("DFD", "Vedtatt mandat.")
    assert Forum.objects.filter(kind=Forum.Kind.CORE_GROUP).count() == 5


def test_each_core_group_meets_as_a_forum_of_its_own(forum):
    kubu = Forum.objects.get(code="KG1")
    assert kubu.core_group.short_name == "KUBU"
    assert kubu.advisory_only and kubu.chair_ministry.abbreviation == "BFD"
    seats = set(kubu.seats.values_list("ministry__abbreviation", flat=True))
    assert seats == {"BFD", "HOD", "KD", "JD", "AID", "KDD", "KUD", "DFD"}


def test_the_forum_pages_run_a_constant_number_of_queries(client_for, forum):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portfolio.models import UserProfile

    client = client_for("sekretariat")
    urls = [
        reverse("forums:forum-detail", args=["hr-tjenester"]),
        reverse("forums:forum-manage", args=["hr-tjenester"]),
        reverse("forums:wheel-edit", args=["hr-tjenester"]),
    ]
    service = Forum.objects.get(slug="hr-tjenester")

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    secretariat = user("sekretariat")
    forum_member_add(actor=secretariat, forum=service, user=user("leder-fin"))
    counts()  # the first visit of the forum page also makes the person's calendar address
    before = counts()
    for profile in UserProfile.objects.exclude(user__username="leder-fin")[:8]:
        if not service.seats.filter(ministry=profile.ministry_id).exists():
            forum_seat_add(actor=secretariat, forum=service, ministry=profile.ministry)
        forum_member_add(actor=secretariat, forum=service, user=profile.user)
    assert service.memberships.count() > 5
    assert counts() == before
