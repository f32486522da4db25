"""The outbox: work that must reach a worker is stored first and published when it can be.

    outbox_enqueue(task="forums.tasks.reminder_send", key=f"reminder:{meeting.pk}:{day}",
                   kwargs={"meeting_id": meeting.pk})

writes a row in the caller's transaction (so the work exists exactly when the change does) and
tries to publish it right after commit, with a short broker timeout and without ever raising
into the request. Whatever did not go out is published by `outbox_flush` (beat, every minute,
and `manage.py outbox_flush`). A message can be published more than once (a crash between
publishing and marking it sent), so consuming tasks must be idempotent.
"""

import logging
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from celery import current_app as app
from django.db import IntegrityError, transaction
from django.utils import timezone

from portfolio.broker import broker_connection, with_kept_connection
from portfolio.models import OutboxMessage

logger = logging.getLogger(__name__)


class OutboxTask(NamedTuple):
    task: str
    key: str
    kwargs: dict[str, Any] = {}
    args: Sequence[Any] = ()


def outbox_enqueue(
    *, task: str, key: str, kwargs: dict[str, Any] | None = None, args: Sequence[Any] = ()
) -> OutboxMessage:
    """Store `task(*args, **kwargs)` once per `key` and publish it after commit.

    Arguments must be JSON: ids, not objects. Enqueueing the same key again is a no-op that
    returns the stored message.
    """
    message, created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"task": task, "args": list(args), "kwargs": kwargs or {}}
    )
    if created:
        _publish_after_commit([message.pk])
    return message


def outbox_enqueue_many(tasks: Iterable[OutboxTask]) -> None:
    """`outbox_enqueue` of many tasks in a few queries, published over one connection after
    commit (opening a proposal notifies every ministry). Keys stored before are left alone."""
    wanted = {task.key: task for task in tasks}
    if not wanted:
        return
    stored = set(OutboxMessage.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
    new = [
        OutboxMessage(task=task.task, key=key, args=list(task.args), kwargs=dict(task.kwargs))
        for key, task in wanted.items()
        if key not in stored
    ]
    try:
        with transaction.atomic():
            created = OutboxMessage.objects.bulk_create(new)
            if any(message.pk is None for message in created):
                raise IntegrityError("the database did not return the new rows' ids")
    except IntegrityError:  # one was stored meanwhile: each on its own
        for task in wanted.values():
            outbox_enqueue(task=task.task, key=task.key, kwargs=dict(task.kwargs), args=task.args)
        return
    _publish_after_commit([message.pk for message in created])


def _publish_after_commit(pks: list[int]) -> None:
    if pks:
        transaction.on_commit(lambda: outbox_publish_many(pks), robust=True)


def outbox_publish(*, pk: int, connection: Any = None) -> bool:
    """Publish one pending message; True when the broker took it. Never raises."""
    try:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if message is None:
                return False  # Sent already, or another process is sending it right now.
            error = _send(message, connection)
            message.attempts += 1
            message.last_error = error
            if not error:
                message.sent_at = timezone.now()
            message.save(update_fields=["attempts", "last_error", "sent_at"])
            return not error
    except Exception:
        logger.exception("outbox message %s could not be published", pk)
        return False


def outbox_publish_many(pks: list[int]) -> int:
    """Publish these pending messages in one transaction; how many the broker took. Stops at
    the first failure (the broker is down: the rest wait for `outbox_flush`). Never raises."""
    try:
        with transaction.atomic():
            messages = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk__in=pks, sent_at__isnull=True)
                .order_by("pk")
            )
            tried = []
            for message in messages:
                error = _send(message, None)
                message.attempts += 1
                message.last_error = error
                message.sent_at = None if error else timezone.now()
                tried.append(message)
                if error:
                    break
            OutboxMessage.objects.bulk_update(tried, ["attempts", "last_error", "sent_at"])
            return sum(1 for message in tried if message.sent_at)
    except Exception:
        logger.exception("outbox messages %s could not be published", pks)
        return 0


def outbox_flush(*, limit: int = 500) -> dict[str, int]:
    """Publish pending messages, oldest first, over one connection. Stops at the first failure:
    the broker is down and the rest would wait for their timeout in turn."""
    pending = list(
        OutboxMessage.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)[:limit]
    )
    sent = 0
    if not pending:
        return {"sent": 0, "pending": 0}
    try:
        with broker_connection() as connection:
            for pk in pending:
                if not outbox_publish(pk=pk, connection=connection):
                    break
                sent += 1
    except Exception as exc:
        logger.warning("outbox flush: broker unreachable: %s", exc)
    remaining = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    return {"sent": sent, "pending": remaining}


def _send(message: OutboxMessage, connection: Any) -> str:
    """Hand the message to Celery; the error text, or "" on success."""
    try:
        if app.conf.task_always_eager:
            # Eager mode (tests, demos) runs the task here, as .delay() would. Outside a worker
            # the apps' task modules are not imported yet: import them to find the task by name.
            if message.task not in app.tasks:
                app.loader.import_default_modules()
            app.tasks[message.task].apply(
                args=message.args, kwargs=message.kwargs, task_id=str(message.task_id)
            )
        elif connection is not None:
            _send_task(message, connection)
        else:
            with_kept_connection(lambda kept: _send_task(message, kept))
    except Exception as exc:
        logger.warning("outbox message %s (%s) not published: %s", message.pk, message.task, exc)
        return f"{type(exc).__name__}: {exc}"[:2000]
    return ""


def _send_task(message: OutboxMessage, connection: Any) -> None:
    app.send_task(
        message.task,
        args=message.args,
        kwargs=message.kwargs,
        task_id=str(message.task_id),  # The same id on every attempt: duplicates are visible.
        connection=connection,
        retry=False,
    )
