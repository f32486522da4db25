"""Models of the forums app, one module per subject; re-exported here for Django."""

from forums.models.forums import Forum, ForumMembership, ForumSeat
from forums.models.meetings import (
    AgendaCounter,
    AgendaItem,
    Attachment,
    Attendance,
    CalendarToken,
    Meeting,
)
from forums.models.minutes import Minutes, MinutesEntry, ReviewComment
from forums.models.wheel import AnnualWheel, WheelSlot

__all__ = [
    "AgendaCounter",
    "AgendaItem",
    "AnnualWheel",
    "Attachment",
    "Attendance",
    "CalendarToken",
    "Forum",
    "ForumMembership",
    "ForumSeat",
    "Meeting",
    "Minutes",
    "MinutesEntry",
    "ReviewComment",
    "WheelSlot",
]
