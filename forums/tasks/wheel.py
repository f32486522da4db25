"""Beat task: materialise the annual wheels for the coming year."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from portfolio.audit_context import audit_channel


@shared_task(
    name="forums.tasks.wheel_materialise",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def wheel_materialise() -> int:
    """Create the meetings of every wheel up to the end of next year.

    Safe to repeat: meetings are unique per (slot, year) and existing ones are kept.
    """
    from forums.services.wheel import wheels_materialise_coming_year

    with audit_channel("task"):
        return wheels_materialise_coming_year(today=timezone.localdate())
