"""Background work of the ground floor."""

import logging

from celery import Task, shared_task
from django.db import OperationalError
from django.utils import timezone

from portfolio.audit_context import audit_channel

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
    from portfolio.outbox import outbox_flush as flush

    with audit_channel("task"):
        return flush()


@shared_task(
    bind=True,
    name="portfolio.tasks.notification_email",
    acks_late=True,
    # OSError covers SMTP errors and an unreachable mail server.
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def notification_email(self: Task, pk: int) -> bool:
    """E-mail one stored notification at least once; repeats after it was sent are no-ops.

    While another attempt holds the lease (a redelivery of a message whose worker died a
    moment ago), retry when the lease ends: that attempt may never mark it sent.
    """
    from portfolio.notifications import EmailLeased
    from portfolio.notifications import notification_email as email

    with audit_channel("task"):
        try:
            return email(pk=pk)
        except EmailLeased as leased:
            raise self.retry(countdown=leased.seconds_left() + 1) from leased


@shared_task(
    name="portfolio.tasks.notification_digests",
    acks_late=True,
    # OSError covers SMTP errors and an unreachable mail server.
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def notification_digests(day: str | None = None) -> dict[str, int]:
    """Send each person's daily digest (of `day`, ISO date; today by default) once.

    A retry, a redelivery or a second run sends nobody a second digest.
    """
    import datetime

    from portfolio.notification_digest import notification_digests_send

    with audit_channel("task"):
        return notification_digests_send(day=datetime.date.fromisoformat(day) if day else None)


@shared_task(
    bind=True,
    name="portfolio.tasks.evaluation_package",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def evaluation_package(self: Task, strategy_pk: int) -> str:
    """Build a strategy's evaluation package, reporting progress; running it again is harmless."""
    from portfolio.caching import data_changed
    from portfolio.evaluation.build import evaluation_package_build
    from portfolio.models import Strategy

    def progress(done: int, total: int, step: str) -> None:
        if self.request.id and not self.request.is_eager:
            self.update_state(state="PROGRESS", meta={"done": done, "total": total, "step": step})

    strategy = Strategy.objects.get(pk=strategy_pk)
    path = evaluation_package_build(strategy=strategy, progress=progress)
    data_changed()  # the period page offers the new package for download
    return str(path)
