"""Background work on proposals: remind ministries before the deadline, close after it."""

from celery import shared_task
from django.db import OperationalError

from portfolio.audit_context import audit_channel


@shared_task(
    name="forums.tasks.proposals.close_due_proposals",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def close_due_proposals() -> list[int]:
    """Close proposals in consultation past their deadline; a second run closes nothing new."""
    from forums.services.proposals import proposals_close_due

    with audit_channel("task"):
        return proposals_close_due()


@shared_task(
    name="forums.tasks.proposals.remind_missing_positions",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def remind_missing_positions() -> int:
    """Remind ministries without a position before the deadline; repeats send nothing new."""
    from forums.services.proposal_reminders import proposals_remind_missing

    with audit_channel("task"):
        return proposals_remind_missing()
