"""Notifying many people at once (opening a proposal notifies every ministry): each person is
notified once, with an e-mail for those who want one, in the same few queries for 3 people or 30,
and a broker outage keeps the e-mails for later."""

import socket

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from portfolio.accounts.preferences import notification_preferences_set
from portfolio.models import Notification, OutboxMessage
from portfolio.notifications import notification_send
from portfolio.outbox import outbox_flush
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

RUNS = 6


def _people(count: int, prefix: str) -> list:
    users = get_user_model()
    return [
        users.objects.create_user(f"{prefix}{n}", email=f"{prefix}{n}@example.no")
        for n in range(count)
    ]


def _send(people, key: str) -> list[Notification]:
    with transaction.atomic():
        return notification_send(recipients=people, key=key, subject=lambda: "Ny sak på høring")


def _emails(key: str) -> set[int]:
    notified = Notification.objects.filter(key=key).values_list("pk", flat=True)
    return {
        int(message.key.rpartition(":")[2])
        for message in OutboxMessage.objects.filter(key__startswith="notification-email:")
        if int(message.key.rpartition(":")[2]) in set(notified)
    }


def test_each_person_is_notified_once_with_the_emails_they_want(demo_users):
    people = _people(4, "mange")
    notification_preferences_set(actor=people[0], user=people[0], deliveries={"general": "none"})

    created = _send([*people, people[1]], "opened:1")

    assert sorted(n.recipient_id for n in created) == sorted(user.pk for user in people)
    stored = Notification.objects.filter(key="opened:1")
    assert stored.count() == 4
    # The one who chose no e-mail keeps the notification in the portal, without an e-mail.
    assert _emails("opened:1") == {n.pk for n in stored if n.recipient_id != people[0].pk}


def test_a_repeat_notifies_only_who_was_not_notified(demo_users):
    people = _people(3, "igjen")
    _send(people[:1], "opened:2")

    created = _send(people, "opened:2")

    assert [n.recipient_id for n in created] == [people[1].pk, people[2].pk]
    assert Notification.objects.filter(key="opened:2").count() == 3
    assert len(_emails("opened:2")) == 3


def test_thirty_people_take_as_many_queries_as_three(demo_users):
    few, many = _people(3, "faa"), _people(30, "mange")

    with CaptureQueriesContext(connection) as three:
        _send(few, "opened:3")
    with CaptureQueriesContext(connection) as thirty:
        _send(many, "opened:4")

    assert len(thirty) == len(three)
    assert Notification.objects.filter(key="opened:4").count() == 30
    assert len(_emails("opened:4")) == 30


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers with one file lock, so it cannot show the race; "
    "run with DATABASE_URL pointing at PostgreSQL.",
)
def test_simultaneous_sends_notify_each_person_once(demo_users):
    people = _people(10, "samtidig")

    runs = at_once([lambda: _send(people, "opened:5")] * RUNS)

    created = [notification for run in runs for notification in run]
    assert sorted(n.recipient_id for n in created) == sorted(user.pk for user in people)
    assert Notification.objects.filter(key="opened:5").count() == 10
    assert len(_emails("opened:5")) == 10


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_keeps_every_email_for_later(demo_users, settings):
    people = _people(5, "brudd")
    broker = settings.CELERY_BROKER_URL
    settings.CELERY_BROKER_URL = _closed_port_url()

    _send(people, "opened:6")

    pending = OutboxMessage.objects.filter(key__startswith="notification-email:", sent_at=None)
    assert pending.count() == 5
    # The first failure stops the attempt: the others do not each wait for the broker.
    assert [message.attempts for message in pending.order_by("pk")] == [1, 0, 0, 0, 0]

    settings.CELERY_BROKER_URL = broker
    assert outbox_flush()["sent"] == 5
    assert not OutboxMessage.objects.filter(sent_at=None).exists()
