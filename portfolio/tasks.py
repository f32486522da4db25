"""Background work of the ground floor."""

import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(name="portfolio.tasks.heartbeat", ignore_result=False)
def heartbeat() -> str:
    """Prove that beat schedules and a worker runs; the result shows in the admin."""
    stamp = timezone.localtime().isoformat(timespec="seconds")
    logger.info("heartbeat %s", stamp)
    return stamp
