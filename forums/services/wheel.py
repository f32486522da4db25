"""Turn the annual wheel into this year's meetings, and the illustrative demo wheel."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import AnnualWheel, Forum, Meeting, WheelSlot
from forums.permissions import can_materialise
from forums.services.meetings import agenda_item_create
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User


def meeting_times(slot: WheelSlot, year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of the slot's meeting in the given year, in the portal's time zone."""
    starts = timezone.make_aware(datetime.datetime.combine(slot.date_in(year), slot.start_time))
    return starts, starts + datetime.timedelta(minutes=slot.duration_minutes)


@records_actor
@transaction.atomic
def wheel_materialise(
    *, actor: User | None, forum: Forum, year: int, not_before: datetime.date | None = None
) -> list[Meeting]:
    """Create the year's meetings of the forum's wheel; return the ones created now.

    Safe to repeat: a meeting is unique per (slot, year), and an existing meeting is left
    as it is, so a meeting moved or cancelled this year stays moved or cancelled.
    Slots whose date is before `not_before` are skipped (the sweep does not plan the past).
    """
    if not can_materialise(actor):
        raise PermissionDenied(_("Only the secretariat or the coordinator may plan meetings."))
    wheel = AnnualWheel.objects.filter(forum=forum).first()
    if wheel is None:
        return []
    created = []
    for slot in wheel.slots.all():
        if not_before and slot.date_in(year) < not_before:
            continue
        starts, ends = meeting_times(slot, year)
        meeting, made = Meeting.objects.get_or_create(
            slot=slot,
            year=year,
            defaults={
                "forum": forum,
                "title": slot.title,
                "starts_at": starts,
                "ends_at": ends,
                "place": slot.place,
                "video_link": slot.video_link,
            },
        )
        if not made:
            continue
        for topic in slot.topics:
            agenda_item_create(actor=None, meeting=meeting, title=topic, system=True)
        audit_record(
            actor=actor,
            kind="meeting.materialised",
            target=meeting,
            after={"slot": slot.pk, "year": year, "starts_at": starts.isoformat()},
        )
        created.append(meeting)
    return created


@records_actor
def wheels_materialise_coming_year(*, today: datetime.date) -> int:
    """The sweep of the beat schedule: this year's remaining and next year's meetings."""
    count = 0
    for forum in Forum.objects.filter(wheel__isnull=False):
        for year in (today.year, today.year + 1):
            count += len(wheel_materialise(actor=None, forum=forum, year=year, not_before=today))
    return count


# Five meetings a year, as Strategisk forum meets in principle; dates and topics are examples.
DEMO_SLOTS = [
    (2, 2, "Vintermøte", "Porteføljegjennomgang\nStatus for tiltakene"),
    (4, 3, "Vårmøte", "Status for tiltakene\nFellestjenestene"),
    (6, 2, "Sommermøte", "Status for tiltakene\nBudsjettforslag for neste år"),
    (9, 3, "Høstmøte", "Status for tiltakene\nPrioriteringer for neste år"),
    (
        11,
        4,
        "Årsavslutning",
        "Porteføljegjennomgang\nPrioriteringer for neste år\nÅrshjulet for neste år",
    ),
]


@records_actor
@transaction.atomic
def wheel_seed_demo(*, forum: Forum) -> AnnualWheel:
    """Create the illustrative demo wheel of the forum once; an existing wheel is kept."""
    wheel, made = AnnualWheel.objects.get_or_create(forum=forum, defaults={"illustrative": True})
    if made:
        for month, week, title, topics in DEMO_SLOTS:
            WheelSlot.objects.create(
                wheel=wheel,
                title=title,
                month=month,
                week=week,
                weekday=WheelSlot.Weekday.TUESDAY,
                start_time=datetime.time(9, 0),
                duration_minutes=120,
                place="Akersgata 59, Oslo",
                standing_topics=topics,
            )
        audit_record(actor=None, kind="wheel.seeded", target=wheel, after={"illustrative": True})
    return wheel
