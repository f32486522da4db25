"""Background work of the ground floor."""

import logging

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(name="portfolio.tasks.heartbeat", ignore_result=False)
def heartbeat() -> str:
    """Prove that beat schedules and a worker runs; the result shows in the admin."""
    stamp = timezone.localtime().isoformat(timespec="seconds")
    logger.info("heartbeat %s", stamp)
    return stamp


@shared_task(
    name="portfolio.tasks.outbox_flush",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def outbox_flush() -> dict[str, int]:
    """Publish the outbox messages that did not go out after their commit (broker outage)."""
    from portfolio.audit import audit_channel
    from portfolio.outbox import outbox_flush as flush

    with audit_channel("task"):
        return flush()


@shared_task(
    name="portfolio.tasks.notification_email",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def notification_email(pk: int) -> bool:
    """E-mail one stored notification; the claim on `emailed_at` makes repeats no-ops."""
    from portfolio.audit import audit_channel
    from portfolio.notifications import notification_email as email

    with audit_channel("task"):
        return email(pk=pk)
