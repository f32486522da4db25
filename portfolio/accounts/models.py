"""Links to the identity provider, the per-user session generation, notification e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portfolio.notification_kinds import Delivery


class ExternalIdentity(models.Model):
    """A user's identity at the SSO provider: issuer and subject, never matched by e-mail.

    Created on the first single sign-on; later logins find the user through it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        ordering = ["issuer", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="portfolio_externalidentity_unique_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.issuer})"


class SessionGeneration(models.Model):
    """A counter per user; a session is valid only while it carries the current value.

    "Log out everywhere" increments it, which ends every session of the user at once,
    whatever the session store.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="session_generation",
        verbose_name=_("user"),
    )
    generation = models.PositiveIntegerField(_("generation"), default=0)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("session generation")
        verbose_name_plural = _("session generations")
        ordering = ["user"]

    def __str__(self) -> str:
        return f"{self.user.get_username()}: {self.generation}"


class NotificationPreference(models.Model):
    """How one person wants the notifications of one kind e-mailed.

    Without a row the kind's default applies (portfolio.notification_kinds). In the portal
    every notification is kept whatever is chosen.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("e-mail"), max_length=10, choices=Delivery.choices)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="portfolio_notificationpreference_once_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(delivery__in=Delivery.values),
                name="portfolio_notificationpreference_delivery_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()}: {self.kind} {self.delivery}"


class NotificationDigest(models.Model):
    """The daily digest e-mail of one person for one day: the record of what it sent.

    One per person and day (the constraint), so a repeated or concurrent run sends no second
    one. `claimed_until` is the lease of the attempt that is sending it; `sent_at` is set
    once the mail server took it; the notifications it carried point at it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_digests",
        verbose_name=_("recipient"),
    )
    day = models.DateField(_("day"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification digest")
        verbose_name_plural = _("notification digests")
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "day"], name="portfolio_notificationdigest_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient.get_username()} {self.day.isoformat()}"
