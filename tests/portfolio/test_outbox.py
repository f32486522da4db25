"""The outbox: work for a worker survives a broker outage and goes out when it is back."""

import socket

import pytest
from django.core.management import call_command
from django.db import transaction
from kombu.simple import SimpleQueue

from portfolio.broker import broker_connection
from portfolio.models import OutboxMessage
from portfolio.outbox import outbox_enqueue, outbox_flush, outbox_publish
from portfolio.tasks import outbox_flush as outbox_flush_task
from strategyportal.celery import app


@pytest.fixture
def broker_down(settings):
    """Point the broker at a loopback port with nothing listening; give back a restore()."""
    real = settings.CELERY_BROKER_URL
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"

    def restore() -> None:
        settings.CELERY_BROKER_URL = real

    return restore


def _published_task_ids() -> set[str]:
    """Take every message off the default queue of the real broker and return their task ids."""
    ids = set()
    with broker_connection() as connection:
        queue = SimpleQueue(connection.default_channel, "celery")
        while True:
            try:
                message = queue.get(block=False)
            except SimpleQueue.Empty:
                break
            ids.add(message.headers.get("id"))
            message.ack()
    return ids


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.portfolio.outbox_urls")
def test_an_action_during_a_broker_outage_answers_and_its_work_goes_out_later(client, broker_down):
    response = client.get("/act/?key=outage")

    assert response.status_code == 200
    message = OutboxMessage.objects.get(key="test-action:outage")
    assert message.sent_at is None
    assert message.attempts == 1
    assert "connect" in message.last_error.lower()

    # Still down: the flush keeps the message and the command says so.
    with pytest.raises(SystemExit):
        call_command("outbox_flush")
    assert OutboxMessage.objects.get(pk=message.pk).sent_at is None

    broker_down()
    _published_task_ids()  # Start from an empty queue.
    assert outbox_flush() == {"sent": 1, "pending": 0}

    message.refresh_from_db()
    assert message.sent_at is not None
    assert str(message.task_id) in _published_task_ids()


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.portfolio.outbox_urls")
def test_with_the_broker_up_the_message_goes_out_on_commit(client):
    _published_task_ids()
    assert client.get("/act/?key=up").status_code == 200

    message = OutboxMessage.objects.get(key="test-action:up")
    assert message.sent_at is not None
    assert (message.attempts, message.last_error) == (1, "")
    assert str(message.task_id) in _published_task_ids()


@pytest.mark.django_db
def test_enqueueing_is_idempotent_per_key_and_nothing_is_written_on_rollback():
    first = outbox_enqueue(task="portfolio.tasks.heartbeat", key="k1", kwargs={"a": 1})
    again = outbox_enqueue(task="portfolio.tasks.heartbeat", key="k1", kwargs={"a": 2})
    assert first.pk == again.pk
    assert OutboxMessage.objects.get(key="k1").kwargs == {"a": 1}

    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(task="portfolio.tasks.heartbeat", key="k2")
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.filter(key="k2").exists()


@pytest.mark.django_db
def test_flush_task_twice_publishes_each_message_once(broker_down):
    message = outbox_enqueue(task="portfolio.tasks.heartbeat", key="twice")
    broker_down()
    _published_task_ids()

    first = outbox_flush_task()
    second = outbox_flush_task()

    assert first == {"sent": 1, "pending": 0}
    assert second == {"sent": 0, "pending": 0}
    assert outbox_publish(pk=message.pk) is False  # Already sent: not published again.
    assert _published_task_ids() == {str(message.task_id)}


@pytest.mark.django_db
def test_in_eager_mode_the_task_runs_in_process():
    message = outbox_enqueue(task="portfolio.tasks.heartbeat", key="eager")
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        assert outbox_publish(pk=message.pk) is True
    finally:
        app.conf.task_always_eager = eager
    message.refresh_from_db()
    assert message.sent_at is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.portfolio.outbox_urls")
def test_after_an_outage_the_next_action_goes_out_at_once(client, broker_down):
    """Actions publish over a connection kept between them; one to a broker that was down is
    not kept, so the first action after the outage goes out without waiting for the flush."""
    restore = broker_down
    assert client.get("/act/?key=during").status_code == 200
    assert OutboxMessage.objects.get(key="test-action:during").sent_at is None
    restore()
    _published_task_ids()
    for key in ("after-1", "after-2"):
        assert client.get(f"/act/?key={key}").status_code == 200
    sent = OutboxMessage.objects.filter(key__in=["test-action:after-1", "test-action:after-2"])
    assert [message.sent_at is not None for message in sent] == [True, True]
    assert {str(message.task_id) for message in sent} <= _published_task_ids()
