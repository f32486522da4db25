"""Beat tasks of the justering: reminders before the deadline, approval after it."""

from celery import shared_task
from django.utils import timezone

from forums.tasks.meetings import RETRY
from portfolio.audit import audit_channel


@shared_task(name="forums.tasks.minutes_approval_remind", **RETRY)
def minutes_approval_remind() -> int:
    """Remind each ministry that has not answered, two days before the review period ends."""
    from forums.services.approvals import approval_remind, approval_reminders_due

    with audit_channel("task"):
        return sum(
            approval_remind(approval_id=pk)
            for pk in approval_reminders_due(today=timezone.localdate())
        )


@shared_task(name="forums.tasks.minutes_conclude_due", **RETRY)
def minutes_conclude_due() -> int:
    """Approve minutes whose review period has passed with no change request unanswered."""
    from forums.services.approvals import minutes_conclude, minutes_due_to_conclude

    today = timezone.localdate()
    with audit_channel("task"):
        return sum(
            minutes_conclude(minutes_id=pk, today=today)
            for pk in minutes_due_to_conclude(today=today)
        )
