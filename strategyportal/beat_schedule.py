"""The periodic work beat starts: what runs when, each with an expiry just under its interval.

DatabaseScheduler keeps "expire_seconds" and drops "expires". Every task is safe to repeat.
"""

from datetime import timedelta
from typing import Any

from celery.schedules import crontab


def beat_schedule(*, heartbeat_seconds: int) -> dict[str, dict[str, Any]]:
    """CELERY_BEAT_SCHEDULE; the heartbeat's interval comes from the environment."""
    return {
        # Every minute: proves that beat and a worker are alive (result in the admin and the log).
        "portfolio.heartbeat": {
            "task": "portfolio.tasks.heartbeat",
            "schedule": timedelta(seconds=heartbeat_seconds),
            # DatabaseScheduler keeps "expire_seconds" and drops "expires".
            "options": {"expire_seconds": max(heartbeat_seconds - 5, 1)},
        },
        # Every minute: publish outbox messages that missed the broker (see portfolio.outbox).
        "portfolio.outbox_flush": {
            "task": "portfolio.tasks.outbox_flush",
            "schedule": crontab(minute="*"),
            "options": {"expire_seconds": 50},
        },
        # 06:30 every day: each person's digest of the notifications they want gathered.
        "portfolio.notification-digests": {
            "task": "portfolio.tasks.notification_digests",
            "schedule": crontab(minute=30, hour=6),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 02:15 every night: meetings of the annual wheels up to the end of next year.
        "forums.wheel-materialise": {
            "task": "forums.tasks.wheel_materialise",
            "schedule": crontab(minute=15, hour=2),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 07:00 every day: notices (innkalling) of meetings whose notice date has come.
        "forums.meeting-notices": {
            "task": "forums.tasks.meeting_notices_send",
            "schedule": crontab(minute=0, hour=7),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 07:10 every day: papers-due reminders to the members.
        "forums.meeting-papers-reminders": {
            "task": "forums.tasks.meeting_papers_remind",
            "schedule": crontab(minute=10, hour=7),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 07:20 every day: minutes-due reminders to the secretariat.
        "forums.meeting-minutes-reminders": {
            "task": "forums.tasks.meeting_minutes_remind",
            "schedule": crontab(minute=20, hour=7),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 07:25 every day: ministries that have not answered minutes due for approval in two days.
        "forums.minutes-approval-reminders": {
            "task": "forums.tasks.minutes_approval_remind",
            "schedule": crontab(minute=25, hour=7),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 00:20 every day: minutes whose review period has ended are approved if nothing stands
        # in the way (no unanswered change request).
        "forums.minutes-conclude": {
            "task": "forums.tasks.minutes_conclude_due",
            "schedule": crontab(minute=20, hour=0),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 07:30 every day: follow-up actions due within a week, or overdue, to the owner ministry.
        "forums.follow-up-reminders": {
            "task": "forums.tasks.follow_up_remind",
            "schedule": crontab(minute=30, hour=7),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 07:35 every day: status reports still owed, to the lead ministry of the day, from
        # REPORT_REMINDER_DAYS_BEFORE days before the due date and once more after it.
        "measures.report-reminders": {
            "task": "measures.tasks.report_reminders_send",
            "schedule": crontab(minute=35, hour=7),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # 08:00 every day: remind ministries without a position when a deadline is two days away.
        "forums.remind_missing_positions": {
            "task": "forums.tasks.proposals.remind_missing_positions",
            "schedule": crontab(minute=0, hour=8),
            "options": {"expire_seconds": 20 * 60 * 60},
        },
        # Every five minutes: close proposals whose deadline has passed (idempotent).
        "forums.close_due_proposals": {
            "task": "forums.tasks.proposals.close_due_proposals",
            "schedule": crontab(minute="*/5"),
            "options": {"expire_seconds": 280},
        },
    }
