"""The secretariat edits a forum's annual wheel; the meetings ahead follow the change.

A meeting ahead follows its slot while it is still only planned (no notice sent) and sits
where the wheel put it. A meeting moved or cancelled by hand, or whose notice is out, keeps
its own date: the secretariat moves that one itself, so the people invited are told.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import AnnualWheel, Forum, Meeting, WheelSlot
from forums.permissions import can_manage_forums
from forums.services.meetings import agenda_item_create
from forums.services.validation import clean_text
from forums.services.wheel import meeting_times, wheel_materialise
from measures.services.common import snapshot, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User

OFFSET_FIELDS = ["notice_days", "papers_days", "minutes_days", "review_days"]
SLOT_FIELDS = [
    "title",
    "month",
    "day",
    "week",
    "weekday",
    "start_time",
    "duration_minutes",
    "place",
    "video_link",
    "standing_topics",
]
DAYS_MAX = 365


def _require_manager(actor: User | None) -> None:
    if not can_manage_forums(actor):
        raise PermissionDenied(_("Only the secretariat may change the annual wheel."))


def _wheel_for(forum: Forum) -> AnnualWheel:
    """The forum's wheel, locked; a forum without one gets an empty wheel of its own."""
    AnnualWheel.objects.get_or_create(forum=forum)
    return AnnualWheel.objects.select_for_update().get(forum=forum)


@records_actor
@transaction.atomic
def wheel_settings_save(
    *,
    actor: User,
    forum: Forum,
    notice_days: int,
    papers_days: int,
    minutes_days: int,
    review_days: int,
) -> AnnualWheel:
    """Set the deadline offsets; every meeting's deadlines are read from them from now on."""
    _require_manager(actor)
    wheel = _wheel_for(forum)
    before = snapshot(wheel, [*OFFSET_FIELDS, "illustrative"])
    values = {
        "notice_days": notice_days,
        "papers_days": papers_days,
        "minutes_days": minutes_days,
        "review_days": review_days,
    }
    for name, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= DAYS_MAX:
            raise ValidationError({name: _("Enter a whole number of days from 0 to 365.")})
        setattr(wheel, name, value)
    if wheel.papers_days > wheel.notice_days:
        raise ValidationError(
            {"papers_days": _("Papers cannot be due before the notice goes out.")}
        )
    # The secretariat's own wheel is the forum's plan, no longer an example.
    wheel.illustrative = False
    validated_save(wheel)
    audit_record(
        actor=actor,
        kind="wheel.changed",
        target=wheel,
        before=before,
        after=snapshot(wheel, [*OFFSET_FIELDS, "illustrative"]),
    )
    return wheel


def _slot_snapshot(slot: WheelSlot) -> dict[str, Any]:
    values = snapshot(slot, SLOT_FIELDS)
    values["start_time"] = str(values["start_time"])
    return values


def _clean_slot(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    values["title"] = clean_text(values.get("title"), field="title", max_length=200)
    for name in ("place", "video_link"):
        values[name] = clean_text(values.get(name), field=name, max_length=200, required=False)
    values["standing_topics"] = clean_text(
        values.get("standing_topics"), field="standing_topics", max_length=5000, required=False
    )
    if (values.get("day") is None) == (values.get("week") is None):
        raise ValidationError({"day": _("Give either a day of the month or a week of the month.")})
    duration = values.get("duration_minutes")
    if duration is not None and not 15 <= duration <= 24 * 60:
        raise ValidationError(
            {"duration_minutes": _("A meeting lasts from 15 minutes to 24 hours.")}
        )
    return values


def _following(slot: WheelSlot, now: datetime.datetime) -> list[Meeting]:
    """The meetings ahead that still sit where the slot, as it is now, put them."""
    meetings = Meeting.objects.select_for_update().filter(
        slot=slot, status=Meeting.Status.PLANNED, starts_at__gt=now
    )
    return [m for m in meetings if (m.starts_at, m.ends_at) == meeting_times(slot, m.year)]


def _cancel(actor: User, meeting: Meeting) -> None:
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save()
    audit_record(
        actor=actor,
        kind="meeting.cancelled",
        target=meeting,
        before={"status": Meeting.Status.PLANNED},
        after={"status": meeting.status, "by": "wheel"},
    )


def _follow(actor: User, slot: WheelSlot, meetings: list[Meeting], now: datetime.datetime) -> None:
    """Move the meetings to the slot's new place in their year; add new standing topics."""
    for meeting in meetings:
        starts, ends = meeting_times(slot, meeting.year)
        if starts <= now:
            _cancel(actor, meeting)  # the new date of this year has passed already
            continue
        before = {"starts_at": meeting.starts_at.isoformat(), "title": meeting.title}
        meeting.title, meeting.starts_at, meeting.ends_at = slot.title, starts, ends
        meeting.place, meeting.video_link = slot.place, slot.video_link
        meeting.sequence += 1
        meeting.save()
        audit_record(
            actor=actor,
            kind="meeting.rescheduled",
            target=meeting,
            before=before,
            after={"starts_at": starts.isoformat(), "title": meeting.title, "by": "wheel"},
        )
        on_agenda = set(meeting.agenda_items.values_list("title", flat=True))
        for topic in slot.topics:
            if topic not in on_agenda:
                agenda_item_create(actor=None, meeting=meeting, title=topic, system=True)


def _fill_years(actor: User, forum: Forum) -> None:
    """Plan this year's remaining and next year's meetings of new slots, as the sweep does."""
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        wheel_materialise(actor=actor, forum=forum, year=year, not_before=today)


@records_actor
@transaction.atomic
def wheel_slot_save(
    *, actor: User, forum: Forum, slot: WheelSlot | None = None, **values: Any
) -> WheelSlot:
    """Add a meeting to the wheel, or change one; the planned meetings ahead follow it."""
    _require_manager(actor)
    wheel = _wheel_for(forum)
    unknown = set(values) - set(SLOT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    values = _clean_slot(values)
    now = timezone.now()
    if slot is None:
        slot, before, following = WheelSlot(wheel=wheel), None, []
    else:
        slot = WheelSlot.objects.select_for_update().get(pk=slot.pk, wheel=wheel)
        before = _slot_snapshot(slot)
        following = _following(slot, now)
    for name, value in values.items():
        setattr(slot, name, value)
    validated_save(slot)
    _follow(actor, slot, following, now)
    audit_record(
        actor=actor,
        kind="wheel.slot_changed" if before else "wheel.slot_added",
        target=wheel,
        before=before,
        after=_slot_snapshot(slot),
    )
    _fill_years(actor, forum)
    return slot


@records_actor
@transaction.atomic
def wheel_slot_remove(*, actor: User, slot: WheelSlot) -> None:
    """Take a meeting off the wheel; its planned meetings ahead are cancelled, the past kept."""
    _require_manager(actor)
    wheel = _wheel_for(slot.wheel.forum)
    slot = WheelSlot.objects.select_for_update().get(pk=slot.pk, wheel=wheel)
    now = timezone.now()
    for meeting in _following(slot, now):
        _cancel(actor, meeting)
    before = _slot_snapshot(slot)
    slot.delete()
    audit_record(actor=actor, kind="wheel.slot_removed", target=wheel, before=before)
