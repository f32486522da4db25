"""The daily digest: one e-mail per person of the notifications they want gathered.

Every morning (beat) the digest for `day` gathers each person's notifications from before that
day's midnight that were not e-mailed, of the kinds they want as a digest, and sends them in
one e-mail in the person's language. A `NotificationDigest` row (one per person and day) is
the claim and the record: the notifications it carried point at it, so running it again, or
twice at once, sends no second e-mail. As with single notifications the e-mail goes out at
least once: only an attempt that died between sending and marking leaves it to be sent again
after its lease, with the same Message-ID.
"""

import datetime
import logging
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portfolio.accounts.models import NotificationDigest
from portfolio.accounts.preferences import deliveries_of, delivery_of, language_of
from portfolio.models import Notification
from portfolio.notification_kinds import Delivery
from portfolio.notifications import EmailLeased, portal_link

logger = logging.getLogger(__name__)

# Notifications older than this when their digest runs are left to the portal: a person who
# switches a kind to the digest gets the last week's, not years of them.
LOOKBACK = datetime.timedelta(days=7)


def _window(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return midnight - LOOKBACK, midnight


def _unsent(day: datetime.date) -> "Q":
    since, until = _window(day)
    now = timezone.now()
    return (
        Q(created_at__gte=since, created_at__lt=until, emailed_at__isnull=True)
        & (Q(digest__isnull=True) | Q(digest__sent_at__isnull=True))
        & (Q(email_claimed_until__isnull=True) | Q(email_claimed_until__lte=now))
    )


def digest_recipients(*, day: datetime.date) -> list[int]:
    """The ids of the people who have notifications for the digest of `day`."""
    rows = list(
        Notification.objects.filter(_unsent(day), recipient__is_active=True)
        .exclude(recipient__email="")
        .values_list("recipient_id", "kind")
        .distinct()
    )
    chosen = deliveries_of({user_id for user_id, _kind in rows})
    return sorted(
        {user_id for user_id, kind in rows if delivery_of(chosen, user_id, kind) == Delivery.DIGEST}
    )


def notification_digest_send(*, recipient_id: int, day: datetime.date) -> bool:
    """Send the person's digest of `day` unless it was sent; True when this call sent it.

    Raises EmailLeased while another attempt holds the digest (try again later).
    """
    digest = _claim(recipient_id, day)
    if digest is None:
        return False
    try:
        items = list(_gather(digest))
        if not items:
            NotificationDigest.objects.filter(pk=digest.pk, sent_at__isnull=True).delete()
            return False
        recipient = digest.recipient
        with translation.override(language_of(recipient)):
            subject, text = _render(digest, items)
        EmailMessage(
            subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [recipient.email],
            headers={"Message-ID": _message_id(digest)},
        ).send()
    except Exception:
        NotificationDigest.objects.filter(pk=digest.pk, sent_at__isnull=True).update(
            claimed_until=None
        )
        raise
    sent_at = timezone.now()
    with transaction.atomic():
        NotificationDigest.objects.filter(pk=digest.pk).update(sent_at=sent_at, claimed_until=None)
        Notification.objects.filter(digest=digest).update(emailed_at=sent_at)
    return True


def _claim(recipient_id: int, day: datetime.date) -> NotificationDigest | None:
    try:
        with transaction.atomic():
            digest, _made = NotificationDigest.objects.get_or_create(
                recipient_id=recipient_id, day=day
            )
    except IntegrityError:  # another run created it a moment ago
        digest = NotificationDigest.objects.get(recipient_id=recipient_id, day=day)
    if digest.sent_at:
        return None
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.NOTIFICATION_EMAIL_LEASE_SECONDS)
    claimed = (
        NotificationDigest.objects.filter(pk=digest.pk, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
        .update(claimed_until=now + lease)
    )
    if not claimed:
        state = NotificationDigest.objects.filter(pk=digest.pk).values("sent_at", "claimed_until")
        current = state.first()
        if current is None or current["sent_at"]:
            return None
        raise EmailLeased(current["claimed_until"] or now)
    return NotificationDigest.objects.select_related("recipient__profile").get(pk=digest.pk)


def _gather(digest: NotificationDigest) -> list[Notification]:
    """Attach the person's digest notifications to the digest; the ones it carries."""
    candidates = Notification.objects.filter(
        _unsent(digest.day), recipient_id=digest.recipient_id, digest__isnull=True
    ).values_list("pk", "kind")
    chosen = deliveries_of([digest.recipient_id])
    wanted = [
        pk
        for pk, kind in candidates
        if delivery_of(chosen, digest.recipient_id, kind) == Delivery.DIGEST
    ]
    Notification.objects.filter(pk__in=wanted, digest__isnull=True, emailed_at__isnull=True).update(
        digest=digest
    )
    return list(Notification.objects.filter(digest=digest).order_by("created_at", "pk"))


def _render(digest: NotificationDigest, items: list[Notification]) -> tuple[str, str]:
    day = formats.date_format(digest.day, "DATE_FORMAT")
    subject = ngettext(
        "Strategiportalen: %(count)d notification before %(day)s",
        "Strategiportalen: %(count)d notifications before %(day)s",
        len(items),
    ) % {"count": len(items), "day": day}
    lines = [_("Your notifications in Strategiportalen that were not e-mailed:"), ""]
    for item in items:
        when = formats.date_format(timezone.localtime(item.created_at), "DATETIME_FORMAT")
        lines.append(f"* {item.subject} ({when})")
        if item.body:
            lines.append(f"  {item.body}")
        if item.url:
            lines.append(f"  {portal_link(item.url)}")
        lines.append("")
    lines.append(
        _(
            "You get this daily digest because of your choices in Strategiportalen. "
            "Change them: %(url)s"
        )
        % {"url": portal_link(reverse("accounts:notification-preferences"))}
    )
    return subject, "\n".join(lines)


def _message_id(digest: NotificationDigest) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<digest.{digest.pk}.{digest.day:%Y%m%d}@{domain}>"


def notification_digests_send(*, day: datetime.date | None = None) -> dict[str, int]:
    """Send every person's digest of `day` (today by default); safe to repeat.

    One person's failure does not stop the others; it is raised at the end, so that the task
    is retried and sends what is still owed.
    """
    day = day or timezone.localdate()
    sent = skipped = 0
    failure: Exception | None = None
    for recipient_id in digest_recipients(day=day):
        try:
            if notification_digest_send(recipient_id=recipient_id, day=day):
                sent += 1
            else:
                skipped += 1
        except EmailLeased:
            skipped += 1  # another attempt is sending it
        except Exception as exc:
            logger.warning("digest for user %s not sent: %s", recipient_id, exc)
            failure = exc
    if failure is not None:
        raise failure
    return {"sent": sent, "skipped": skipped}
