"""Celery tasks of the forums app, one module per subject; imported here for autodiscovery."""

from forums.tasks.follow_up import follow_up_remind
from forums.tasks.meetings import (
    meeting_minutes_remind,
    meeting_notices_send,
    meeting_papers_remind,
)
from forums.tasks.minutes_review import minutes_approval_remind, minutes_conclude_due
from forums.tasks.proposals import close_due_proposals, remind_missing_positions
from forums.tasks.records import archive_extraction_run
from forums.tasks.wheel import wheel_materialise

__all__ = [
    "archive_extraction_run",
    "close_due_proposals",
    "follow_up_remind",
    "meeting_minutes_remind",
    "meeting_notices_send",
    "meeting_papers_remind",
    "minutes_approval_remind",
    "minutes_conclude_due",
    "remind_missing_positions",
    "wheel_materialise",
]
