"""Beat task: reminders of follow-up actions, before the due date and when overdue."""

from celery import shared_task
from django.utils import timezone

from forums.tasks.meetings import RETRY
from portfolio.audit import audit_channel


@shared_task(name="forums.tasks.follow_up_remind", **RETRY)
def follow_up_remind() -> int:
    """Send each due reminder once per action and kind (the ledger's unique row is the claim)."""
    from forums.services.follow_up import follow_up_action_remind, reminders_due

    with audit_channel("task"):
        return sum(
            follow_up_action_remind(action_id=pk, kind=kind)
            for pk, kind in reminders_due(today=timezone.localdate())
        )
