"""Models of the forums app, one module per subject; re-exported here for Django."""

from forums.models.approvals import MinutesApproval
from forums.models.follow_up import FollowUpAction, FollowUpReminder
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
from forums.models.proposals import (
    Advice,
    Delegation,
    Escalation,
    Position,
    PositionChange,
    PositionChoice,
    Proposal,
    ProposalVersion,
    RegisterCounter,
)
from forums.models.wheel import AnnualWheel, WheelSlot

__all__ = [
    "Advice",
    "AgendaCounter",
    "AgendaItem",
    "AnnualWheel",
    "Attachment",
    "Attendance",
    "CalendarToken",
    "Delegation",
    "Escalation",
    "FollowUpAction",
    "FollowUpReminder",
    "Forum",
    "ForumMembership",
    "ForumSeat",
    "Meeting",
    "Minutes",
    "MinutesApproval",
    "MinutesEntry",
    "Position",
    "PositionChange",
    "PositionChoice",
    "Proposal",
    "ProposalVersion",
    "RegisterCounter",
    "ReviewComment",
    "WheelSlot",
]
