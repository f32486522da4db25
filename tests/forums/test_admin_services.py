"""The admin changes forums, seats, members, wheels, meetings and agendas through the same
services as the secretariat's pages: the same rules, messages and audit events."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from forums.models import (
    AgendaItem,
    AnnualWheel,
    Attendance,
    Forum,
    ForumMembership,
    ForumSeat,
    WheelSlot,
)
from forums.services.forum_admin import forum_member_add, forum_member_change
from portfolio.models import AuditEvent
from tests.admin_forms import admin_post
from tests.forums.conftest import ministry, user
from tests.forums.test_forum_admin import _state

pytestmark = pytest.mark.django_db

DAY_OR_WEEK = "Oppgi enten en dag i måneden eller en uke i måneden."
SEAT_TAKEN = "Departementet har allerede plass i forumet."
END_BEFORE_START = "Sluttdatoen kan ikke være før startdatoen."


def _change(model, pk) -> str:
    return reverse(f"admin:forums_{model._meta.model_name}_change", args=[pk])


def _add(model) -> str:
    return reverse(f"admin:forums_{model._meta.model_name}_add")


def _delete(model, pk) -> str:
    return reverse(f"admin:forums_{model._meta.model_name}_delete", args=[pk])


def _errors(response) -> str:
    form = response.context["adminform"].form
    return " ".join(message for messages in form.errors.values() for message in messages)


def _last(kind: str) -> AuditEvent:
    return AuditEvent.objects.filter(kind=kind).latest("pk")


# --- The wheel ---------------------------------------------------------------------------


def test_a_slot_changed_in_the_admin_goes_through_the_service(client_for, forum, meetings_2027):
    slot = WheelSlot.objects.filter(wheel__forum=forum).order_by("pk").first()
    planned = slot.meetings.filter(year=2027).get()
    response = admin_post(client_for("admin"), _change(WheelSlot, slot.pk), title="Nytt navn")
    assert response.status_code == 302
    event = _last("wheel.slot_changed")
    assert (event.actor, event.after["title"]) == (user("admin"), "Nytt navn")
    planned.refresh_from_db()
    assert planned.title == "Nytt navn"  # the planned meeting ahead follows, as from the page


def test_a_slot_with_a_day_and_a_week_is_refused_in_the_admin_as_on_the_page(client_for, forum):
    slot = WheelSlot.objects.filter(wheel__forum=forum, day__isnull=True).order_by("pk").first()
    before = _state(forum)
    response = admin_post(client_for("admin"), _change(WheelSlot, slot.pk), day=10)
    assert response.status_code == 200
    assert DAY_OR_WEEK in _errors(response)
    page = client_for("sekretariat").post(
        reverse("forums:wheel-slot-edit", args=[forum.slug, slot.pk]),
        {
            "slot-title": slot.title,
            "slot-month": slot.month,
            "slot-week": slot.week,
            "slot-day": 10,
            "slot-weekday": slot.weekday,
            "slot-start_time": "09:00",
            "slot-duration_minutes": 60,
        },
    )
    assert DAY_OR_WEEK in page.content.decode()
    assert _state(forum) == before
    assert not AuditEvent.objects.filter(kind="wheel.slot_changed").exists()


def test_a_slot_added_and_removed_in_the_admin_goes_through_the_services(client_for, forum):
    client = client_for("admin")
    wheel = AnnualWheel.objects.get(forum=forum)
    response = admin_post(
        client,
        _add(WheelSlot),
        wheel=wheel.pk,
        title="Ekstra møte",
        month=11,
        week=2,
        weekday=1,
        start_time="10:00",
        duration_minutes=90,
    )
    assert response.status_code == 302
    slot = WheelSlot.objects.get(wheel=wheel, title="Ekstra møte")
    assert _last("wheel.slot_added").actor == user("admin")
    assert client.post(_delete(WheelSlot, slot.pk), {"post": "yes"}).status_code == 302
    assert not WheelSlot.objects.filter(pk=slot.pk).exists()
    assert _last("wheel.slot_removed").actor == user("admin")


def test_the_wheel_deadlines_in_the_admin_go_through_the_service(client_for, forum):
    client = client_for("admin")
    wheel = AnnualWheel.objects.get(forum=forum)
    before = _state(forum)
    refused = admin_post(client, _change(AnnualWheel, wheel.pk), notice_days=5, papers_days=10)
    assert refused.status_code == 200
    assert "Sakspapirene kan ikke ha frist før innkallingen sendes." in _errors(refused)
    assert _state(forum) == before
    done = admin_post(client, _change(AnnualWheel, wheel.pk), notice_days=21)
    assert done.status_code == 302
    wheel.refresh_from_db()
    assert (wheel.notice_days, wheel.illustrative) == (21, False)
    assert _last("wheel.changed").actor == user("admin")


# --- Seats and people --------------------------------------------------------------------


def test_a_seat_given_twice_in_the_admin_is_refused_as_on_the_page(client_for):
    client = client_for("admin")
    service = Forum.objects.get(slug="hr-tjenester")
    response = admin_post(client, _add(ForumSeat), forum=service.pk, ministry=ministry("FIN").pk)
    assert response.status_code == 302
    seat = ForumSeat.objects.get(forum=service, ministry=ministry("FIN"))
    assert _last("forum.seat_added").actor == user("admin")
    again = admin_post(client, _add(ForumSeat), forum=service.pk, ministry=ministry("FIN").pk)
    assert again.status_code == 200
    assert SEAT_TAKEN in _errors(again)
    page = client_for("sekretariat").post(
        reverse("forums:forum-manage-action", args=[service.slug, "seat"]),
        {"seat-ministry": ministry("FIN").pk},
    )
    assert SEAT_TAKEN in page.content.decode()
    assert service.seats.count() == 1
    assert client.post(_delete(ForumSeat, seat.pk), {"post": "yes"}).status_code == 302
    assert not service.seats.exists()
    assert _last("forum.seat_removed").actor == user("admin")


def test_a_membership_edited_in_the_admin_goes_through_the_service(client_for):
    client = client_for("admin")
    service = Forum.objects.get(slug="hr-tjenester")
    response = admin_post(
        client, _add(ForumMembership), forum=service.pk, user=user("leder-fin").pk, role="member"
    )
    assert response.status_code == 302
    membership = ForumMembership.objects.get(forum=service, user=user("leder-fin"))
    assert membership.ministry == ministry("FIN")
    assert _last("forum.member_added").actor == user("admin")
    url = _change(ForumMembership, membership.pk)
    refused = admin_post(client, url, valid_from="2027-03-01", valid_to="2027-02-01")
    assert refused.status_code == 200
    assert END_BEFORE_START in _errors(refused)
    page = client_for("sekretariat").post(
        reverse("forums:forum-manage-action", args=[service.slug, "member"]),
        {
            "member-user": user("observator").pk,
            "member-role": "member",
            "member-valid_from": "2027-03-01",
            "member-valid_to": "2027-02-01",
        },
    )
    assert END_BEFORE_START in page.content.decode()
    membership.refresh_from_db()
    assert (membership.role, membership.valid_to) == ("member", None)
    done = admin_post(client, url, role="chair", valid_to="2027-12-31")
    assert done.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.valid_to) == ("chair", datetime.date(2027, 12, 31))
    event = _last("forum.member_changed")
    assert (event.actor, event.before["role"], event.after["role"]) == (
        user("admin"),
        "member",
        "chair",
    )
    assert client.post(_delete(ForumMembership, membership.pk), {"post": "yes"}).status_code == 302
    assert not service.memberships.exists()
    assert _last("forum.member_removed").actor == user("admin")


def test_a_role_the_person_holds_already_is_refused_and_only_the_secretariat_changes(
    demo_users,
):
    service = Forum.objects.get(slug="hr-tjenester")
    secretariat = user("sekretariat")
    forum_member_add(actor=secretariat, forum=service, user=user("leder-fin"), role="chair")
    member = forum_member_add(actor=secretariat, forum=service, user=user("leder-fin"))
    with pytest.raises(ValidationError):
        forum_member_change(actor=secretariat, membership=member, role="chair")
    with pytest.raises(PermissionDenied):
        forum_member_change(actor=user("koordinator"), membership=member, role="deputy")
    member.refresh_from_db()
    assert member.role == "member"


def test_the_forum_mandate_in_the_admin_goes_through_the_service(client_for, forum):
    client = client_for("admin")
    url = _change(Forum, forum.pk)
    before = _state(forum)
    refused = admin_post(client, url, mandate_nb="")
    assert refused.status_code == 200
    assert _errors(refused)
    assert _state(forum) == before
    done = admin_post(client, url, mandate_nb="Nytt mandat.")
    assert done.status_code == 302
    forum.refresh_from_db()
    assert forum.mandate_nb == "Nytt mandat."
    assert _last("forum.settings_changed").actor == user("admin")
    assert client.get(reverse("admin:forums_forum_add")).status_code == 403
    page = client.get(url).content.decode()
    assert reverse("forums:forum-manage", args=[forum.slug]) in page


def test_a_staff_user_outside_the_secretariat_is_refused_on_the_form(client_for, forum):
    """The admin's model permissions do not replace the portal's rules: a refusal, no 500."""
    person = user("koordinator")
    person.is_staff = True
    person.save()
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="forums"))
    slot = WheelSlot.objects.filter(wheel__forum=forum).order_by("pk").first()
    before = _state(forum)
    client = client_for("koordinator")
    response = admin_post(client, _change(WheelSlot, slot.pk), title="Ikke lov")
    assert response.status_code == 200
    refusal = "Bare sekretariatet kan endre årshjulet."
    assert refusal in response.context["adminform"].form.non_field_errors()
    deleted = client.post(_delete(WheelSlot, slot.pk), {"post": "yes"}, follow=True)
    assert deleted.status_code == 200
    assert refusal in deleted.content.decode()
    assert _state(forum) == before


# --- Meetings and agendas -----------------------------------------------------------------


def test_a_meeting_cancelled_in_the_admin_goes_through_the_service(client_for, meetings_2027):
    meeting = meetings_2027[0]
    client = client_for("admin")
    url = _change(type(meeting), meeting.pk)
    refused = admin_post(client, url, status="notice_sent")
    assert refused.status_code == 200
    assert _errors(refused)
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    done = admin_post(client, url, status="cancelled")
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == ("cancelled", 1)
    assert _last("meeting.cancelled").actor == user("admin")


def test_a_meeting_moved_in_the_admin_goes_through_the_service(client_for, meetings_2027):
    meeting = meetings_2027[0]
    later = timezone.localtime(meeting.starts_at) + datetime.timedelta(days=1)
    response = admin_post(
        client_for("admin"),
        _change(type(meeting), meeting.pk),
        starts_at_0=later.date().isoformat(),
        ends_at_0=(later.date()).isoformat(),
        ends_at_1=(later + datetime.timedelta(hours=2)).time().isoformat(),
    )
    assert response.status_code == 302, _errors(response)
    meeting.refresh_from_db()
    assert meeting.starts_at == later
    assert _last("meeting.rescheduled").actor == user("admin")


def test_an_agenda_item_added_in_the_admin_is_numbered_by_the_service(client_for, meetings_2027):
    meeting = meetings_2027[0]
    client = client_for("admin")
    response = admin_post(client, _add(AgendaItem), meeting=meeting.pk, title="Eget punkt")
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, title="Eget punkt")
    assert item.number >= 1 and item.forum == meeting.forum
    assert _last("agenda_item.created").actor == user("admin")
    change = client.get(_change(AgendaItem, item.pk))
    assert change.status_code == 200 and "Eget punkt" in change.content.decode()
    assert client.post(_change(AgendaItem, item.pk), {"title": "Endret"}).status_code == 403


def test_attendance_in_the_admin_goes_through_the_service(client_for, held_meeting):
    client = client_for("admin")
    seated = held_meeting.forum.seats.order_by("pk").first().ministry
    unseated = ministry("DSS")
    refused = admin_post(
        client, _add(Attendance), meeting=held_meeting.pk, ministry=unseated.pk, status="present"
    )
    assert refused.status_code == 200
    assert "Departementet har ikke plass i dette forumet." in _errors(refused)
    done = admin_post(
        client, _add(Attendance), meeting=held_meeting.pk, ministry=seated.pk, status="present"
    )
    assert done.status_code == 302
    assert Attendance.objects.get(meeting=held_meeting, ministry=seated).status == "present"
    assert _last("meeting.attendance_set").actor == user("admin")


def test_minutes_are_filled_in_on_their_page_not_in_the_admin(client_for, held_meeting):
    from forums.models import Minutes, MinutesEntry
    from forums.services.minutes import minutes_create

    minutes = minutes_create(actor=user("sekretariat"), meeting=held_meeting)
    client = client_for("admin")
    page = client.get(_change(Minutes, minutes.pk))
    assert page.status_code == 200
    assert reverse("forums:minutes", args=[held_meeting.pk]) in page.content.decode()
    assert client.get(_add(Minutes)).status_code == 403
    assert client.get(_add(MinutesEntry)).status_code == 403
