"""Eight digest runs at the same moment send each person one digest e-mail (PostgreSQL)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.utils import timezone

from portfolio.accounts.models import NotificationDigest
from portfolio.notification_digest import notification_digests_send
from portfolio.notifications import notification_send
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 8


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers with one file lock, so it cannot show the race; "
    "run with DATABASE_URL pointing at PostgreSQL.",
)
def test_simultaneous_digest_runs_send_each_person_one_email(demo_users):
    people = list(get_user_model().objects.filter(username__in=["leder-fin", "leder-kdd"]))
    for n in range(3):
        notification_send(
            recipients=people, key=f"follow-up:{n}", subject=lambda: "Frist", kind="follow_up"
        )
    day = timezone.localdate() + datetime.timedelta(days=1)
    at_once([lambda: notification_digests_send(day=day)] * RUNS)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "leder-fin@demo.invalid",
        "leder-kdd@demo.invalid",
    ]
    assert all("3 varsler" in message.subject for message in mail.outbox)
    assert NotificationDigest.objects.filter(sent_at__isnull=False).count() == 2
