"""The e-mail of a notification: a lease per attempt, sent at least once, repeats send nothing."""

import datetime

import pytest
from celery.exceptions import Retry
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from portfolio.models import Notification
from portfolio.notifications import (
    EmailLeased,
    notification_email,
    notification_message_id,
    notification_send,
)
from portfolio.tasks import notification_email as notification_email_task

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def notification(demo_users) -> Notification:
    user = get_user_model().objects.get(username="leder-fin")
    [stored] = notification_send(recipients=[user], key="lease", subject=lambda: "Innkalling")
    return stored


def _lease(notification: Notification, seconds: int) -> None:
    """What an earlier attempt left: a lease ending `seconds` from now, nothing sent."""
    until = timezone.now() + datetime.timedelta(seconds=seconds)
    Notification.objects.filter(pk=notification.pk).update(email_claimed_until=until)


def test_the_email_is_sent_with_a_stable_message_id_and_marked_sent(notification):
    assert notification_email(pk=notification.pk) is True

    [message] = mail.outbox
    assert message.to == ["leder-fin@demo.invalid"]
    assert message.extra_headers["Message-ID"] == notification_message_id(notification)
    assert message.message()["Message-ID"] == notification_message_id(notification)
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.email_claimed_until is None


def test_a_second_run_after_sending_sends_nothing(notification):
    assert notification_email(pk=notification.pk) is True
    assert notification_email(pk=notification.pk) is False
    assert notification_email_task(notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_run_after_an_expired_lease_without_sent_sends_again(notification):
    _lease(notification, -1)  # The attempt that took it died before it marked it sent.

    assert notification_email(pk=notification.pk) is True

    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == notification_message_id(notification)
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_run_during_a_live_lease_sends_nothing_and_retries_when_it_ends(notification):
    _lease(notification, 60)  # Another attempt is sending it right now.

    with pytest.raises(EmailLeased) as leased:
        notification_email(pk=notification.pk)
    assert 58 < leased.value.seconds_left() <= 60
    with pytest.raises(Retry):
        notification_email_task(notification.pk)
    assert mail.outbox == []
    assert Notification.objects.get(pk=notification.pk).emailed_at is None


def test_a_failed_send_gives_the_lease_back_for_the_retry(notification, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"

    with pytest.raises(ConnectionRefusedError):
        notification_email(pk=notification.pk)

    notification.refresh_from_db()
    assert (notification.emailed_at, notification.email_claimed_until) == (None, None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_email(pk=notification.pk) is True
    assert len(mail.outbox) == 1


def test_a_recipient_without_an_address_gets_no_email_and_no_lease(demo_users):
    user = get_user_model().objects.create_user("uten-adresse", email="")
    [stored] = notification_send(recipients=[user], key="no-address", subject=lambda: "Hei")

    assert notification_email(pk=stored.pk) is False

    stored.refresh_from_db()
    assert (stored.emailed_at, stored.email_claimed_until) == (None, None)
    assert mail.outbox == []
