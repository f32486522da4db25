"""Links to the identity provider and the per-user session generation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
