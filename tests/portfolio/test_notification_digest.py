"""The daily digest: one e-mail per person of their digest notifications, sent once, whatever
runs twice, fails or runs at the same time; in the person's language."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from portfolio.accounts.models import NotificationDigest
from portfolio.accounts.preferences import notification_preferences_set
from portfolio.models import Notification
from portfolio.notification_digest import notification_digest_send
from portfolio.notifications import EmailLeased, notification_send
from portfolio.tasks import notification_digests
from strategyportal.beat_schedule import beat_schedule

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def user(username):
    return get_user_model().objects.get(username=username)


def _send(username, kind, key, subject="Emne"):
    return notification_send(
        recipients=[user(username)], key=key, subject=lambda: subject, kind=kind, url="/saker/"
    )


def _run(day=TOMORROW):
    return notification_digests.apply(kwargs={"day": day.isoformat()}).get()


@pytest.fixture
def gathered(demo_users, celery_eager, django_capture_on_commit_callbacks):
    """Two follow-up reminders (a digest kind by default) and a meeting notice (e-mailed at once)
    for leder-fin; the notice is e-mailed when the test starts."""
    with django_capture_on_commit_callbacks(execute=True):
        _send("leder-fin", "follow_up", "f1", "Oppfølgingspunkt forfaller")
        _send("leder-fin", "follow_up", "f2", "Oppfølgingspunkt forfalt")
        _send("leder-fin", "meeting", "m1", "Innkalling")
    assert [message.subject for message in mail.outbox] == ["Innkalling"]
    mail.outbox.clear()


def test_one_email_carries_the_days_digest_notifications(gathered):
    assert _run() == {"sent": 1, "skipped": 0}
    [message] = mail.outbox
    assert message.to == ["leder-fin@demo.invalid"]
    assert "2 varsler" in message.subject
    assert "Oppfølgingspunkt forfaller" in message.body
    assert "Oppfølgingspunkt forfalt" in message.body
    assert "Innkalling" not in message.body  # it went out at once
    digest = NotificationDigest.objects.get()
    assert (digest.recipient, digest.day) == (user("leder-fin"), TOMORROW)
    assert digest.sent_at is not None
    assert set(digest.notifications.values_list("key", flat=True)) == {"f1", "f2"}
    assert not Notification.objects.filter(key__in=["f1", "f2"], emailed_at__isnull=True).exists()


def test_running_it_again_sends_no_second_email(gathered):
    _run()
    assert _run() == {"sent": 0, "skipped": 0}
    assert notification_digest_send(recipient_id=user("leder-fin").pk, day=TOMORROW) is False
    assert len(mail.outbox) == 1
    assert NotificationDigest.objects.count() == 1


def test_the_days_own_notifications_wait_for_the_next_digest(gathered):
    assert _run(timezone.localdate()) == {"sent": 0, "skipped": 0}
    assert mail.outbox == []
    assert not NotificationDigest.objects.exists()


def test_a_failed_send_is_retried_and_sends_once(gathered, settings):
    settings.EMAIL_BACKEND = "tests.portfolio.test_notification_digest.RefusingBackend"
    with pytest.raises(ConnectionRefusedError):
        notification_digest_send(recipient_id=user("leder-fin").pk, day=TOMORROW)
    digest = NotificationDigest.objects.get()
    assert (digest.sent_at, digest.claimed_until) == (None, None)  # the lease is given back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert _run() == {"sent": 1, "skipped": 0}
    assert _run() == {"sent": 0, "skipped": 0}
    assert len(mail.outbox) == 1


def test_while_another_attempt_holds_the_digest_nothing_is_sent(gathered):
    me = user("leder-fin")
    NotificationDigest.objects.create(
        recipient=me, day=TOMORROW, claimed_until=timezone.now() + datetime.timedelta(minutes=5)
    )
    with pytest.raises(EmailLeased):
        notification_digest_send(recipient_id=me.pk, day=TOMORROW)
    assert _run() == {"sent": 0, "skipped": 1}
    assert mail.outbox == []


def test_one_digest_per_person_and_day_is_a_constraint(gathered):
    NotificationDigest.objects.create(recipient=user("leder-fin"), day=TOMORROW)
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationDigest.objects.create(recipient=user("leder-fin"), day=TOMORROW)


def test_kinds_set_to_none_are_not_in_the_digest(gathered):
    me = user("leder-fin")
    notification_preferences_set(actor=me, user=me, deliveries={"follow_up": "none"})
    assert _run() == {"sent": 0, "skipped": 0}
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=me).count() == 3  # still in the portal


def test_the_digest_is_in_each_recipients_language(demo_users):
    me = user("leder-fin")
    notification_preferences_set(actor=me, user=me, deliveries={}, language="en")
    with translation.override("nb"):
        _send("leder-fin", "follow_up", "f1")
        _send("leder-kdd", "follow_up", "f1")
    assert _run() == {"sent": 2, "skipped": 0}
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["leder-fin@demo.invalid"].startswith("Strategiportalen: 1 notification ")
    assert subjects["leder-kdd@demo.invalid"].startswith("Strategiportalen: 1 varsel ")


def test_the_digest_runs_every_morning():
    entry = beat_schedule(heartbeat_seconds=60)["portfolio.notification-digests"]
    assert entry["task"] == "portfolio.tasks.notification_digests"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({6}, {30})
