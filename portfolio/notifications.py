"""Notify people in their own language, in the portal and by e-mail, once per key.

The e-mail goes out at least once and, as far as the portal can tell, once: an attempt takes a
lease on the notification, sends, and marks it e-mailed. Only an attempt that died between
sending and marking (a killed worker) leaves the e-mail to be sent again after its lease; the
Message-ID is the same on every attempt, so a receiving mail system can drop the copy.
"""

import datetime
import inspect
from collections.abc import Callable, Iterable
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portfolio.accounts.preferences import deliveries_of, delivery_of, language_of
from portfolio.caching import data_changed
from portfolio.models import Notification
from portfolio.notification_kinds import GENERAL, Delivery, notification_kinds
from portfolio.outbox import OutboxTask, outbox_enqueue_many


def notification_send(
    *,
    recipients: Iterable[Any],
    key: str,
    subject: Callable[..., str],
    body: Callable[..., str] = lambda: "",
    url: str = "",
    kind: str = GENERAL,
) -> list[Notification]:
    """Store one notification per recipient for `key` and e-mail it after commit.

    `subject` and `body` are called once per recipient with the recipient's language active,
    so pass lambdas around gettext; one that takes an argument is given the recipient, for a
    text that depends on who reads it (a title screened for who may not read it, worked out
    for all the recipients at once before the call). Safe to repeat: a (recipient, key) pair
    is sent once. The notification is always kept in the portal; it is e-mailed at once only
    to those who want the `kind` so (a declared kind in `portfolio.notification_kinds`); the
    daily digest e-mails those who want it there.
    """
    if kind not in notification_kinds():
        raise ValueError(f"undeclared notification kind {kind!r}")
    people = list({user.pk: user for user in recipients}.values())
    if not people:
        return []
    chosen = deliveries_of(user.pk for user in people)
    prefetch_related_objects(people, "profile")  # each one's language, in one query
    sent_before = set(
        Notification.objects.filter(key=key, recipient__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    unsent = [
        Notification(recipient=user, key=key, **_values(user, subject, body, url, kind))
        for user in people
        if user.pk not in sent_before
    ]
    try:
        # All at once; a notification another process stored meanwhile fails the whole
        # insert, and then each is stored on its own.
        with transaction.atomic():
            created = Notification.objects.bulk_create(unsent)
            if any(notification.pk is None for notification in created):
                raise IntegrityError("the database did not return the new rows' ids")
    except IntegrityError:
        created = [made for notification in unsent if (made := _store_one(notification))]
    e_mailed = [
        notification
        for notification in created
        if delivery_of(chosen, notification.recipient_id, kind) == Delivery.EMAIL
    ]
    # Through the outbox, in the same transaction as the notifications: a crash or a broker
    # outage cannot leave a notification without its e-mail.
    outbox_enqueue_many(
        OutboxTask(
            task="portfolio.tasks.notification_email",
            key=f"notification-email:{notification.pk}",
            kwargs={"pk": notification.pk},
        )
        for notification in e_mailed
    )
    if created:
        data_changed()  # the bell in the header of cached pages
    return created


def _values(
    user: Any, subject: Callable[..., str], body: Callable[..., str], url: str, kind: str
) -> dict[str, str]:
    with translation.override(language_of(user)):
        return {
            "subject": _text(subject, user)[:200],
            "body": _text(body, user),
            "url": url,
            "kind": kind,
        }


def _store_one(notification: Notification) -> Notification | None:
    """Store one notification unless another process has stored it first (then it sends it)."""
    try:
        with transaction.atomic():
            stored, made = Notification.objects.get_or_create(
                recipient_id=notification.recipient_id,
                key=notification.key,
                defaults={
                    field: getattr(notification, field)
                    for field in ("subject", "body", "url", "kind")
                },
            )
    except IntegrityError:
        return None
    return stored if made else None


def _text(make: Callable[..., Any], recipient: Any) -> str:
    """`make()`, or `make(recipient)` when the text depends on who reads it."""
    takes_recipient = len(inspect.signature(make).parameters) == 1
    return str(make(recipient) if takes_recipient else make())


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
    notification = Notification.objects.select_related("recipient__profile").filter(pk=pk).first()
    if notification is None or notification.emailed_at or not notification.recipient.email:
        return False
    recipient = notification.recipient
    if (
        delivery_of(deliveries_of([recipient.pk]), recipient.pk, notification.kind)
        != Delivery.EMAIL
    ):
        return False  # The person has since chosen the digest or no e-mail for this kind.
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.NOTIFICATION_EMAIL_LEASE_SECONDS)
    claimed = (
        Notification.objects.filter(pk=pk, emailed_at__isnull=True, digest__isnull=True)
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
        with translation.override(language_of(recipient)):
            text = notification_email_text(notification)
        EmailMessage(
            notification.subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [recipient.email],
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


def portal_link(path: str) -> str:
    """An address in the portal for an e-mail: absolute when PORTAL_BASE_URL is set."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path if path.startswith("/") else path


def notification_email_text(notification: Notification) -> str:
    """The e-mail's text in the active language: the notification, its link, and where the
    person chooses which e-mails they get."""
    parts = [notification.body] if notification.body else []
    if notification.url:
        parts.append(portal_link(notification.url))
    parts.append(
        _("You get this e-mail because of your choices in Strategiportalen. Change them: %(url)s")
        % {"url": portal_link(reverse("accounts:notification-preferences"))}
    )
    return "\n\n".join(parts)


def notifications_mark_read(*, key_prefix: str | tuple[str, ...], recipient: Any = None) -> int:
    """Mark unread notifications whose key starts with `key_prefix` (or one of several) as read
    (one person's, or everyone's). Safe to repeat: what is read stays as it was."""
    prefixes = (key_prefix,) if isinstance(key_prefix, str) else key_prefix
    starts = Q()
    for prefix in prefixes:
        starts |= Q(key__startswith=prefix)
    unread = Notification.objects.filter(starts, read_at__isnull=True)
    if recipient is not None:
        unread = unread.filter(recipient=recipient)
    return unread.update(read_at=timezone.now())


def notification_read(*, actor: Any, notification: Notification) -> Notification:
    """The recipient marks one notification read; one already read keeps its time."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied(_("Only the recipient marks a notification read."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
        data_changed()  # the bell in the header of cached pages
    return notification


def notifications_read_all(*, actor: Any) -> int:
    """The person marks all their unread notifications read; how many were."""
    marked = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if marked:
        data_changed()
    return marked
