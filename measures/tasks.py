"""Celery tasks of the measures app (found by autodiscovery)."""

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


@shared_task(name="measures.tasks.report_reminders_send", **RETRY)
def report_reminders_send() -> int:
    """Remind each lead ministry once per period and stage of the status reports it still owes
    (the ledger's unique row is the claim): safe to repeat, to retry and to run at once."""
    from measures.services.report_reminders import report_reminder_send, report_reminders_due

    today = timezone.localdate()
    with audit_channel("task"):
        return sum(
            report_reminder_send(
                actor=None, period_id=period_id, ministry_id=ministry_id, stage=stage, today=today
            )
            for period_id, ministry_id, stage in report_reminders_due(today=today)
        )
