"""Meetings as RFC 5545 iCalendar: stable UIDs, Europe/Oslo, SEQUENCE, STATUS:CANCELLED."""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from forums.models import Meeting

STATUS = {Meeting.Status.CANCELLED: "CANCELLED"}


def meetings_calendar(meetings: Iterable[Meeting], *, name: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Strategiportalen//Forums//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    meetings = list(meetings)
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
        if meeting.video_link:
            event.add("url", meeting.video_link)
        event.add("status", STATUS.get(Meeting.Status(meeting.status), "CONFIRMED"))
        calendar.add_component(event)
    return calendar.to_ical()
