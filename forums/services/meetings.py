"""State changes of meetings: agenda items, moving, cancelling, attendance, notices, reminders."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from forums.exceptions import WrongState
from forums.models import AgendaCounter, AgendaItem, Attendance, Meeting, Proposal
from forums.permissions import can_plan_meetings
from forums.services.journal import journal_notice
from forums.services.validation import clean_text
from measures.models import Measure
from portfolio import roles
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.notifications import notification_send
from portfolio.strategy_closing import ensure_year_changeable
from portfolio.types import User
from portfolio.validation import check_dates

OPEN_STATES = (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT)


def _require_planner(actor: User | None) -> None:
    if not can_plan_meetings(actor):
        raise PermissionDenied(_("Only the secretariat may change meetings."))


@records_actor
@transaction.atomic
def agenda_item_create(
    *,
    actor: User | None,
    meeting: Meeting,
    title: str,
    description: str = "",
    presenter: str = "",
    measures: list[Measure] | None = None,
    proposals: list[Proposal] | None = None,
    system: bool = False,
) -> AgendaItem:
    """Add an item to the agenda with the next number of the forum's year ("sak 3/27").

    The number comes from a counter row locked for the transaction, so two people adding
    items at once get different numbers; the unique constraint guards the rest.
    """
    if not system:
        _require_planner(actor)
        ensure_year_changeable(actor=actor, years=[meeting.year])
    if meeting.status not in OPEN_STATES:
        raise WrongState(_("The agenda can only change before the meeting is held."))
    title = clean_text(title, field="title", max_length=200)
    description = clean_text(description, field="description", max_length=5000, required=False)
    presenter = clean_text(presenter, field="presenter", max_length=200, required=False)
    year = timezone.localtime(meeting.starts_at).year
    AgendaCounter.objects.get_or_create(forum=meeting.forum, year=year)
    counter = AgendaCounter.objects.select_for_update().get(forum=meeting.forum, year=year)
    counter.last_number = F("last_number") + 1
    counter.save(update_fields=["last_number"])
    counter.refresh_from_db(fields=["last_number"])
    item = AgendaItem.objects.create(
        meeting=meeting,
        forum=meeting.forum,
        year=year,
        number=counter.last_number,
        title=title,
        description=description,
        presenter=presenter,
    )
    if measures:
        item.measures.set(measures)
    if proposals:
        if any(proposal.forum_id != meeting.forum_id for proposal in proposals):
            raise ValidationError(
                {"proposals": _("A proposal can only be on the agenda of its own forum.")}
            )
        item.proposals.set(proposals)
    audit_record(
        actor=actor,
        kind="agenda_item.created",
        target=item,
        after={
            "meeting": meeting.pk,
            "number": item.number,
            "title": title,
            "proposals": [str(proposal) for proposal in proposals or []],
        },
    )
    return item


@records_actor
@transaction.atomic
def meeting_reschedule(
    *,
    actor: User,
    meeting: Meeting,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: str | None = None,
) -> Meeting:
    """Move this year's meeting (the wheel stays as it is); calendars see a new SEQUENCE."""
    _require_planner(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_year_changeable(actor=actor, years=[meeting.year])
    if meeting.status not in OPEN_STATES:
        raise WrongState(_("Only a meeting that has not been held can be moved."))
    check_dates(starts_at=starts_at, ends_at=ends_at)
    ends_at = ends_at or starts_at + (meeting.ends_at - meeting.starts_at)
    if ends_at < starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    before = {"starts_at": meeting.starts_at.isoformat(), "place": meeting.place}
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if place is not None:
        meeting.place = clean_text(place, field="place", max_length=200, required=False)
    meeting.sequence += 1
    meeting.save()
    audit_record(
        actor=actor,
        kind="meeting.rescheduled",
        target=meeting,
        before=before,
        after={"starts_at": starts_at.isoformat(), "place": meeting.place},
    )
    return meeting


@records_actor
@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting) -> Meeting:
    """Cancel this year's meeting only; the wheel keeps the slot for the years to come."""
    _require_planner(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_year_changeable(actor=actor, years=[meeting.year])
    if meeting.status not in OPEN_STATES:
        raise WrongState(_("Only a meeting that has not been held can be cancelled."))
    before = meeting.status
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save()
    audit_record(
        actor=actor,
        kind="meeting.cancelled",
        target=meeting,
        before={"status": before},
        after={"status": meeting.status},
    )
    return meeting


@records_actor
@transaction.atomic
def meeting_reinstate(*, actor: User, meeting: Meeting) -> Meeting:
    """Undo a cancellation while the meeting is still ahead; it is planned again."""
    _require_planner(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_year_changeable(actor=actor, years=[meeting.year])
    if meeting.status != Meeting.Status.CANCELLED:
        raise WrongState(_("Only a cancelled meeting can be reinstated."))
    if meeting.starts_at <= timezone.now():
        raise WrongState(_("A meeting that would already have started cannot be reinstated."))
    meeting.status = Meeting.Status.PLANNED
    meeting.sequence += 1  # calendars replace the cancelled event
    meeting.save()
    audit_record(
        actor=actor,
        kind="meeting.reinstated",
        target=meeting,
        before={"status": Meeting.Status.CANCELLED},
        after={"status": meeting.status},
    )
    return meeting


@records_actor
@transaction.atomic
def meeting_mark_held(*, actor: User, meeting: Meeting) -> Meeting:
    """Record that the meeting took place; minutes can then be drafted."""
    _require_planner(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_year_changeable(actor=actor, years=[meeting.year])
    if meeting.status not in OPEN_STATES:
        raise WrongState(_("Only a planned meeting can be marked as held."))
    if meeting.starts_at > timezone.now():
        raise WrongState(_("A meeting cannot be marked as held before it starts."))
    before = meeting.status
    meeting.status = Meeting.Status.HELD
    meeting.save()
    audit_record(
        actor=actor,
        kind="meeting.held",
        target=meeting,
        before={"status": before},
        after={"status": meeting.status},
    )
    return meeting


@records_actor
@transaction.atomic
def attendance_set(
    *, actor: User, meeting: Meeting, ministry: Ministry, status: str, person: str = ""
) -> Attendance:
    """Record whether a ministry was present, represented by a deputy, or absent."""
    _require_planner(actor)
    ensure_year_changeable(actor=actor, years=[meeting.year])
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("Choose present, deputy or absent.")})
    if not Ministry.objects.filter(pk=ministry.pk, forum_seats__forum=meeting.forum).exists():
        raise ValidationError({"ministry": _("The ministry has no seat in this forum.")})
    # A ministry that had ceased to exist by the meeting's day cannot have attended.
    if not ministry.is_active_on(timezone.localdate(meeting.starts_at)):
        raise ValidationError({"ministry": ended_message(ministry)})
    person = clean_text(person, field="person", max_length=200, required=False)
    attendance, _made = Attendance.objects.update_or_create(
        meeting=meeting, ministry=ministry, defaults={"status": status, "person": person}
    )
    audit_record(
        actor=actor,
        kind="meeting.attendance_set",
        target=meeting,
        ministry=ministry,
        after={"status": status},
    )
    return attendance


def ended_message(ministry: Ministry) -> str:
    """Why a ministry that had ceased to exist by the meeting's day cannot be named for it."""
    return _(
        "%(ministry)s no longer existed on the day of the meeting; choose the ministry that "
        "took over its tasks."
    ) % {"ministry": ministry.abbreviation}


def meeting_recipients(meeting: Meeting) -> list[Any]:
    """The forum's members and the secretariat: everyone who is told about a meeting."""
    today = timezone.localdate()
    users = get_user_model().objects.filter(is_active=True)
    members = users.filter(forum_memberships__forum=meeting.forum).exclude(
        forum_memberships__valid_to__lt=today
    )
    secretariat = users.filter(groups__name=roles.SECRETARIAT)
    return list((members | secretariat).distinct().select_related("profile").order_by("pk"))


def _claim(
    meeting_id: int, field: str, *, new_status: str = "", **conditions: Any
) -> Meeting | None:
    """Set the timestamp (and the status) if still empty; the meeting for the one caller that did.

    A conditional update is the idempotency claim of the reminder tasks: its row count shows
    who won. The update skips the field history, so the winner writes the history row itself,
    with the channel and user a save would give it.
    """
    changes: dict[str, Any] = {field: timezone.now()}
    if new_status:
        changes["status"] = new_status
    claimed = Meeting.objects.filter(
        pk=meeting_id, **{f"{field}__isnull": True}, **conditions
    ).update(**changes)
    if not claimed:
        return None
    meeting = Meeting.objects.select_related("forum").get(pk=meeting_id)
    bulk_update_with_history([meeting], Meeting, fields=[])
    return meeting


@records_actor
@transaction.atomic
def meeting_send_notice(*, meeting_id: int) -> bool:
    """Send the notice (innkalling) once: claim the meeting, then notify per recipient.

    Twice is harmless: the claim lets one caller through, and notifications are unique per
    (recipient, key) should the claim ever be lost.
    """
    meeting = _claim(
        meeting_id,
        "notice_sent_at",
        new_status=Meeting.Status.NOTICE_SENT,
        status=Meeting.Status.PLANNED,
    )
    if meeting is None:
        return False
    when = timezone.localtime(meeting.starts_at)
    notification_send(
        recipients=meeting_recipients(meeting),
        key=f"meeting:{meeting.pk}:notice",
        kind="meeting",
        subject=lambda: (
            _("Notice: %(title)s on %(date)s")
            % {"title": meeting.title, "date": when.strftime("%d.%m.%Y")}
        ),
        body=lambda: (
            _("You are invited to %(forum)s, %(date)s at %(time)s, %(place)s.")
            % {
                "forum": meeting.forum.name,
                "date": when.strftime("%d.%m.%Y"),
                "time": when.strftime("%H.%M"),
                "place": meeting.place or "–",
            }
        ),
        url=meeting.get_absolute_url(),
    )
    journal_notice(meeting=meeting)
    audit_record(actor=None, kind="meeting.notice_sent", target=meeting)
    return True


@records_actor
@transaction.atomic
def meeting_remind_papers(*, meeting_id: int) -> bool:
    """Remind the members once that papers for the meeting are due."""
    meeting = _claim(meeting_id, "papers_reminder_sent_at", status__in=OPEN_STATES)
    if meeting is None:
        return False
    due = timezone.localtime(meeting.starts_at).date() - datetime.timedelta(
        days=_offsets(meeting)[1]
    )
    notification_send(
        recipients=meeting_recipients(meeting),
        key=f"meeting:{meeting.pk}:papers",
        kind="meeting",
        subject=lambda: (
            _("Papers for %(title)s are due %(date)s")
            % {"title": meeting.title, "date": due.strftime("%d.%m.%Y")}
        ),
        url=meeting.get_absolute_url(),
    )
    audit_record(actor=None, kind="meeting.papers_reminded", target=meeting)
    return True


@records_actor
@transaction.atomic
def meeting_remind_minutes(*, meeting_id: int) -> bool:
    """Remind the secretariat once that the meeting's minutes are due."""
    meeting = _claim(meeting_id, "minutes_reminder_sent_at")
    if meeting is None:
        return False
    secretariat = get_user_model().objects.filter(is_active=True, groups__name=roles.SECRETARIAT)
    notification_send(
        recipients=secretariat,
        key=f"meeting:{meeting.pk}:minutes-due",
        kind="meeting",
        subject=lambda: _("Minutes of %(title)s are due") % {"title": meeting.title},
        url=meeting.get_absolute_url(),
    )
    audit_record(actor=None, kind="meeting.minutes_reminded", target=meeting)
    return True


def _offsets(meeting: Meeting) -> tuple[int, int, int]:
    wheel = getattr(meeting.forum, "wheel", None)
    if wheel is None:
        return 14, 7, 14
    return wheel.notice_days, wheel.papers_days, wheel.minutes_days


def meetings_due(*, now: datetime.datetime, kind: str) -> list[int]:
    """Ids of meetings whose notice, papers reminder or minutes reminder is due now."""
    today = timezone.localtime(now).date()
    if kind == "minutes":
        candidates = Meeting.objects.filter(
            minutes_reminder_sent_at__isnull=True,
            starts_at__lt=now,
            status__in=[*OPEN_STATES, Meeting.Status.HELD],
        ).exclude(minutes__status="approved")
    else:
        field = "notice_sent_at" if kind == "notice" else "papers_reminder_sent_at"
        candidates = Meeting.objects.filter(
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=120),
            status__in=OPEN_STATES,
            **{f"{field}__isnull": True},
        )
    due = []
    for meeting in candidates.select_related("forum__wheel"):
        notice, papers, minutes = _offsets(meeting)
        day = timezone.localtime(meeting.starts_at).date()
        if kind == "notice" and today >= day - datetime.timedelta(days=notice):
            due.append(meeting.pk)
        elif kind == "papers" and today >= day - datetime.timedelta(days=papers + 2):
            # Two days' warning before the papers deadline itself.
            due.append(meeting.pk)
        elif kind == "minutes" and today >= day + datetime.timedelta(days=minutes):
            due.append(meeting.pk)
    return due
