"""Models of the forums app, one module per subject; re-exported here for Django."""

from forums.models.approvals import MinutesApproval
from forums.models.extractions import ArchiveExtraction
from forums.models.follow_up import FollowUpAction, FollowUpReminder
from forums.models.forums import Forum, ForumMembership, ForumSeat
from forums.models.governance import MeasureDecision, MeasureGovernance
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
    Resolution,
)
from forums.models.records import (
    Access,
    CaseCounter,
    LegalBasis,
    MarkingChangeRequest,
    MinistryReference,
    Record,
    RecordCase,
)
from forums.models.wheel import AnnualWheel, WheelSlot

__all__ = [
    "Access",
    "Advice",
    "AgendaCounter",
    "AgendaItem",
    "AnnualWheel",
    "ArchiveExtraction",
    "Attachment",
    "Attendance",
    "CalendarToken",
    "CaseCounter",
    "Delegation",
    "Escalation",
    "FollowUpAction",
    "FollowUpReminder",
    "Forum",
    "ForumMembership",
    "ForumSeat",
    "LegalBasis",
    "MarkingChangeRequest",
    "MeasureDecision",
    "MeasureGovernance",
    "Meeting",
    "MinistryReference",
    "Minutes",
    "MinutesApproval",
    "MinutesEntry",
    "Position",
    "PositionChange",
    "PositionChoice",
    "Proposal",
    "ProposalVersion",
    "Record",
    "RecordCase",
    "RegisterCounter",
    "Resolution",
    "ReviewComment",
    "WheelSlot",
]
