"""Notify people in their own language, in the portal and by e-mail, at most once per key."""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

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
        except IntegrityError:
            continue  # Another process stored it first: it sends it.
        if made:
            created.append(notification)
            # Through the outbox: stored with the notification, so a broker outage loses nothing.
            outbox_enqueue(
                task="portfolio.tasks.notification_email",
                key=f"notification-email:{notification.pk}",
                kwargs={"pk": notification.pk},
            )
    return created


def notification_email(*, pk: int) -> bool:
    """E-mail one notification if it has not been e-mailed yet. Claim first: at most once."""
    claimed = Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=pk)
    if not notification.recipient.email:
        return False
    send_mail(
        notification.subject,
        notification.body,
        settings.DEFAULT_FROM_EMAIL,
        [notification.recipient.email],
    )
    return True


def _language_of(user: Any) -> str:
    return getattr(getattr(user, "profile", None), "language", "") or settings.LANGUAGE_CODE
