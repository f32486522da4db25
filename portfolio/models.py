"""The ground floor: the strategy, its target areas and criteria, ministries and their people."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portfolio.history import history_records
from portfolio.i18n import Sourced, localized
from portfolio.strategy_period import StrategyPeriod


class Strategy(Sourced, StrategyPeriod):
    """The joint strategy of the ministries, with its overall goal."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    title_nb = models.CharField(_("title (bokmål)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    subtitle_nb = models.CharField(_("subtitle (bokmål)"), max_length=300, blank=True)
    subtitle_en = models.CharField(_("subtitle (English)"), max_length=300, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    overall_goal_nb = models.TextField(_("overall goal (bokmål)"))
    overall_goal_en = models.TextField(_("overall goal (English)"), blank=True)
    launched = models.CharField(_("launched"), max_length=40, blank=True)

    history = history_records()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="portfolio_strategy_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title_nb

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def subtitle(self) -> str:
        return localized(self, "subtitle")

    @property
    def overall_goal(self) -> str:
        return localized(self, "overall_goal")


class TargetArea(Sourced):
    """One of the strategy's target areas (målområder)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="target_areas")
    code = models.CharField(_("code"), max_length=10, unique=True)
    position = models.PositiveSmallIntegerField(_("position"))
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    history = history_records()

    class Meta:
        verbose_name = _("target area")
        verbose_name_plural = _("target areas")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_nb}"

    @property
    def name(self) -> str:
        return localized(self, "name")


class Criterion(Sourced):
    """A portfolio criterion every measure must meet: A useful, B balanced, C feasible."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=2)
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    history = history_records()

    class Meta:
        verbose_name = _("portfolio criterion")
        verbose_name_plural = _("portfolio criteria")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "code"], name="portfolio_criterion_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}) {self.name_nb}"

    @property
    def name(self) -> str:
        return localized(self, "name")


class MinistryQuerySet(models.QuerySet["Ministry"]):
    def active_on(self, day: datetime.date) -> "MinistryQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def owners(self) -> "MinistryQuerySet":
        """The co-owners of the strategy: the ministries and the Prime Minister's Office."""
        return self.filter(kind__in=[Ministry.Kind.MINISTRY, Ministry.Kind.PM_OFFICE])


class Ministry(Sourced):
    """A ministry, the Prime Minister's Office, or an agency such as DSS.

    Renamed or merged ministries keep their own row with validity dates and point at
    their predecessor, so that history stays true to the date it happened.
    """

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        PM_OFFICE = "pm_office", _("Office of the Prime Minister")
        AGENCY = "agency", _("Agency")

    abbreviation = models.CharField(_("abbreviation"), max_length=10, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MINISTRY)
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: existed before the strategy.")
    )
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessor"),
    )

    objects = MinistryQuerySet.as_manager()

    history = history_records()

    class Meta:
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        ordering = ["abbreviation"]
        permissions = [("sign_for_ministry", _("May record positions for the ministry"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="portfolio_ministry_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.abbreviation

    @property
    def name(self) -> str:
        return localized(self, "name")

    def is_active_on(self, day: datetime.date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_to is None or self.valid_to >= day)


class CoordinationPeriod(Sourced):
    """Which ministry coordinates the strategy in a period: data, never hard-coded."""

    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="coordination_periods"
    )
    valid_from = models.DateField(_("valid from"), unique=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    history = history_records()

    class Meta:
        verbose_name = _("coordination period")
        verbose_name_plural = _("coordination periods")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="portfolio_coordinationperiod_ordered",
            )
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.ministry} {self.valid_from.isoformat()}–{end}"


class UserProfile(models.Model):
    """Binds a user to exactly one ministry (or to DSS, for the secretariat)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="people", verbose_name=_("ministry")
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[
            ("nb", _("Norwegian Bokmål")),
            ("nn", _("Norwegian Nynorsk")),
            ("en", _("English")),
        ],
        default="nb",
        help_text=_("Language of e-mails and notifications."),
    )

    history = history_records()

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.ministry})"


class AuditEvent(models.Model):
    """One domain event (position recorded, proposal revised, minutes approved, …).

    Append-only: written by services in the same transaction as the change, never updated.
    `kind` is a dotted name owned by the app that writes it, e.g. "proposal.opened".
    """

    class Channel(models.TextChoices):
        UI = "ui", _("Web")
        API = "api", _("API")
        ADMIN = "admin", _("Administration")
        TASK = "task", _("Background task")
        SYSTEM = "system", _("System")

    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor name"), max_length=150)
    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ministry"),
    )
    kind = models.CharField(_("event"), max_length=60, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    request_id = models.UUIDField(_("request id"), null=True, blank=True, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(_("object id"), max_length=64)
    target_label = models.CharField(_("object"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="portfolio_audit_target")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.kind} {self.target_label}"


class Notification(models.Model):
    """A message to one person, shown in the portal and sent by e-mail once.

    `key` makes sending idempotent: the same event for the same person is stored once,
    so a task that runs twice sends no second copy. `email_claimed_until` is the lease of the
    attempt that is sending the e-mail; `emailed_at` is set once the mail server took it, alone
    or in the daily `digest`. `kind` names the preference that governs its e-mail.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, default="general")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_claimed_until = models.DateTimeField(_("e-mail claimed until"), null=True, blank=True)
    digest = models.ForeignKey(
        "portfolio.NotificationDigest",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="portfolio_notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


# Login-related models and the outbox live beside the code that uses them; importing them
# here registers them with this app.
from portfolio.accounts.models import (  # noqa: E402
    ExternalIdentity,
    NotificationDigest,
    NotificationPreference,
    SessionGeneration,
)
from portfolio.outbox_message import OutboxMessage  # noqa: E402

__all__ = [
    "AuditEvent",
    "CoordinationPeriod",
    "Criterion",
    "ExternalIdentity",
    "Ministry",
    "Notification",
    "NotificationDigest",
    "NotificationPreference",
    "OutboxMessage",
    "SessionGeneration",
    "Strategy",
    "TargetArea",
    "UserProfile",
]
