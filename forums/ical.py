"""Meetings as RFC 5545 iCalendar: stable UIDs, Europe/Oslo, SEQUENCE, STATUS:CANCELLED."""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from forums.models import Meeting

STATUS = {Meeting.Status.CANCELLED: "CANCELLED"}


def _description(meeting: Meeting, link: str) -> str:
    """The agenda and the way back to the meeting's page (calendar clients get bokmål)."""
    lines = [f"{item.label} {item.title}" for item in meeting.agenda_items.all()]
    parts = [_("Agenda:") + "\n" + "\n".join(lines)] if lines else []
    if meeting.video_link:
        parts.append(_("Video meeting: %(link)s") % {"link": meeting.video_link})
    parts.append(_("The meeting in Strategiportalen: %(link)s") % {"link": link})
    return "\n\n".join(parts)


def meetings_calendar(meetings: Iterable[Meeting], *, name: str, base_url: str) -> bytes:
    """`base_url` (scheme and host) makes the link back to each meeting absolute."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Strategiportalen//Forums//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    meetings = list(meetings)
    prefetch_related_objects(meetings, "agenda_items")
    if meetings:
        # The VTIMEZONE covers the years of the feed, so every client shows Oslo time.
        first = min(m.starts_at for m in meetings).date().replace(month=1, day=1)
        last = max(m.ends_at for m in meetings).date().replace(month=12, day=31)
        calendar.add_component(
            Timezone.from_tzinfo(zone, tzid=settings.TIME_ZONE, first_date=first, last_date=last)
        )
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.uid}@strategiportalen")
        event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", timezone.localtime(meeting.starts_at, zone))
        event.add("dtend", timezone.localtime(meeting.ends_at, zone))
        event.add("sequence", meeting.sequence)
        event.add("summary", f"{meeting.forum.name}: {meeting.title}")
        if meeting.place:
            event.add("location", meeting.place)
        link = base_url.rstrip("/") + meeting.get_absolute_url()
        event.add("url", link)
        event.add("description", _description(meeting, link))
        event.add("status", STATUS.get(Meeting.Status(meeting.status), "CONFIRMED"))
        calendar.add_component(event)
    return calendar.to_ical()
