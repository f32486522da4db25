"""Notify people in their own language, in the portal and by e-mail, once per key.

The e-mail goes out at least once and, as far as the portal can tell, once: an attempt takes a
lease on the notification, sends, and marks it e-mailed. Only an attempt that died between
sending and marking (a killed worker) leaves the e-mail to be sent again after its lease; the
Message-ID is the same on every attempt, so a receiving mail system can drop the copy.
"""

import datetime
from collections.abc import Callable, Iterable
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from portfolio.caching import data_changed
from portfolio.models import Notification
from portfolio.outbox import outbox_enqueue


def notification_send(
    *,
    recipients: Iterable[Any],
    key: str,
    subject: Callable[[], str],
    body: Callable[[], str] = lambda: "",
    url: str = "",
) -> list[Notification]:
    """Store one notification per recipient for `key` and e-mail it after commit.

    `subject` and `body` are called once per recipient with the recipient's language active,
    so pass lambdas around gettext. Safe to repeat: a (recipient, key) pair is sent once.
    """
    created = []
    for user in recipients:
        with translation.override(_language_of(user)):
            values = {"subject": str(subject())[:200], "body": str(body()), "url": url}
        try:
            with transaction.atomic():
                notification, made = Notification.objects.get_or_create(
                    recipient=user, key=key, defaults=values
                )
                if made:
                    data_changed()  # the bell in the header of cached pages
                    # Through the outbox, in the same transaction as the notification: a crash
                    # or a broker outage cannot leave a notification without its e-mail.
                    outbox_enqueue(
                        task="portfolio.tasks.notification_email",
                        key=f"notification-email:{notification.pk}",
                        kwargs={"pk": notification.pk},
                    )
        except IntegrityError:
            continue  # Another process stored it first: it sends it.
        if made:
            created.append(notification)
    return created


class EmailLeased(Exception):
    """Another attempt holds the lease on this notification's e-mail until `until`."""

    def __init__(self, until: datetime.datetime) -> None:
        super().__init__(f"e-mail leased until {until.isoformat()}")
        self.until = until

    def seconds_left(self) -> float:
        return max((self.until - timezone.now()).total_seconds(), 0.0)


def notification_email(*, pk: int) -> bool:
    """E-mail one notification unless it has been e-mailed; True when this call sent it.

    Safe to repeat and to run concurrently: an attempt leases the notification for
    NOTIFICATION_EMAIL_LEASE_SECONDS, sends, then sets `emailed_at`. A repeat after that
    sends nothing; a repeat while the lease runs raises EmailLeased (try again later); a
    repeat after a lease that ran out without `emailed_at` (the attempt died) sends again.
    """
    notification = Notification.objects.select_related("recipient").filter(pk=pk).first()
    if notification is None or notification.emailed_at or not notification.recipient.email:
        return False
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.NOTIFICATION_EMAIL_LEASE_SECONDS)
    claimed = (
        Notification.objects.filter(pk=pk, emailed_at__isnull=True)
        .filter(Q(email_claimed_until__isnull=True) | Q(email_claimed_until__lte=now))
        .update(email_claimed_until=now + lease)
    )
    if not claimed:
        current = Notification.objects.filter(pk=pk).values("emailed_at", "email_claimed_until")
        state = current.first()
        if state is None or state["emailed_at"]:
            return False  # Deleted, or another attempt has just sent it.
        raise EmailLeased(state["email_claimed_until"] or now)
    try:
        EmailMessage(
            notification.subject,
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient.email],
            headers={"Message-ID": notification_message_id(notification)},
        ).send()
    except Exception:
        # Not sent: give the lease back so that the retry need not wait for it.
        Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(email_claimed_until=None)
        raise
    Notification.objects.filter(pk=pk).update(emailed_at=timezone.now(), email_claimed_until=None)
    return True


def notification_message_id(notification: Notification) -> str:
    """The Message-ID of the notification's e-mail: the same on every attempt."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    stamp = notification.created_at.strftime("%Y%m%d%H%M%S")
    return f"<notification.{notification.pk}.{stamp}@{domain}>"


def _language_of(user: Any) -> str:
    return getattr(getattr(user, "profile", None), "language", "") or settings.LANGUAGE_CODE


def notifications_mark_read(*, key_prefix: str, recipient: Any = None) -> int:
    """Mark unread notifications whose key starts with `key_prefix` as read (one person's, or
    everyone's). Safe to repeat: what is read stays as it was."""
    unread = Notification.objects.filter(key__startswith=key_prefix, read_at__isnull=True)
    if recipient is not None:
        unread = unread.filter(recipient=recipient)
    return unread.update(read_at=timezone.now())
