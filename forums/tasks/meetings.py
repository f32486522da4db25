"""Beat tasks: notices, papers-due reminders and minutes-due reminders.

Each sweep finds the meetings that are due and hands each id to a service that claims the
meeting with a conditional update, so a second run (or a redelivered message) sends nothing.
"""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from portfolio.audit_context import audit_channel

RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}


def _sweep(kind: str, send) -> int:
    from forums.services.meetings import meetings_due

    with audit_channel("task"):
        return sum(send(meeting_id=pk) for pk in meetings_due(now=timezone.now(), kind=kind))


@shared_task(name="forums.tasks.meeting_notices_send", **RETRY)
def meeting_notices_send() -> int:
    """Send the notice of every meeting whose notice date has come."""
    from forums.services.meetings import meeting_send_notice

    return _sweep("notice", meeting_send_notice)


@shared_task(name="forums.tasks.meeting_papers_remind", **RETRY)
def meeting_papers_remind() -> int:
    """Remind the members of meetings whose papers are due soon."""
    from forums.services.meetings import meeting_remind_papers

    return _sweep("papers", meeting_remind_papers)


@shared_task(name="forums.tasks.meeting_minutes_remind", **RETRY)
def meeting_minutes_remind() -> int:
    """Remind the secretariat of meetings whose minutes are overdue."""
    from forums.services.meetings import meeting_remind_minutes

    return _sweep("minutes", meeting_remind_minutes)
