"""Geometry of the annual wheel: the year as a circle, months as sectors, meetings as dots.

Computed here and drawn by a template as inline SVG, so the page needs no JavaScript.
"""

import calendar
import datetime
import math
from dataclasses import dataclass

from django.utils import formats, timezone

from forums.models import Meeting

SIZE = 440
CENTRE = SIZE / 2
RADIUS = 170


@dataclass
class Point:
    x: float
    y: float


@dataclass
class Month:
    label: str
    line: tuple[Point, Point]
    text: Point


@dataclass
class Mark:
    meeting: Meeting
    dot: Point
    label: Point
    deadlines: list[tuple[str, Point]]
    cancelled: bool


def _angle(day: datetime.date) -> float:
    """Clockwise from twelve o'clock, 1 January at the top."""
    year_days = 366 if calendar.isleap(day.year) else 365
    return 2 * math.pi * (day.timetuple().tm_yday - 1) / year_days


def _at(angle: float, radius: float) -> Point:
    return Point(
        round(CENTRE + radius * math.sin(angle), 1), round(CENTRE - radius * math.cos(angle), 1)
    )


def wheel_geometry(
    *, year: int, meetings: list[Meeting], offsets: tuple[int, int, int]
) -> dict[str, object]:
    months = []
    for month in range(1, 13):
        start = _angle(datetime.date(year, month, 1))
        middle = _angle(datetime.date(year, month, 15))
        months.append(
            Month(
                label=formats.date_format(datetime.date(year, month, 1), "M"),
                line=(_at(start, RADIUS - 40), _at(start, RADIUS + 10)),
                text=_at(middle, RADIUS + 28),
            )
        )
    notice, papers, minutes = offsets
    marks = []
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        angle = _angle(day)
        deadlines = []
        for kind, other in (
            ("notice", day - datetime.timedelta(days=notice)),
            ("papers", day - datetime.timedelta(days=papers)),
            ("minutes", day + datetime.timedelta(days=minutes)),
        ):
            if other.year == year:
                deadlines.append((kind, _at(_angle(other), RADIUS - 20)))
        marks.append(
            Mark(
                meeting=meeting,
                dot=_at(angle, RADIUS - 20),
                label=_at(angle, RADIUS - 62),
                deadlines=deadlines,
                cancelled=meeting.status == Meeting.Status.CANCELLED,
            )
        )
    return {
        "size": SIZE,
        "centre": CENTRE,
        "radius": RADIUS,
        "inner": RADIUS - 40,
        "months": months,
        "marks": marks,
        "year": year,
    }
