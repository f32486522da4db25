"""Proposals to a forum (saker til tilslutning), the ministries' positions on them, and delegation.

The outcome of a proposal is derived by `forums.services.proposals.proposal_close`, never typed.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forums.models.forums import Forum
from measures.models import CoreGroup, Measure
from portfolio.history import history_records
from portfolio.models import Ministry
from portfolio.permanence import PermanentQuerySet, PermanentRecord

TITLE_MAX = 200
TEXT_MAX = 20000
REASON_MAX = 4000


class RegisterCounter(models.Model):
    """The last register number given per forum and year; locked while a number is drawn."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("register counter")
        verbose_name_plural = _("register counters")
        ordering = ["forum", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "year"], name="forums_registercounter_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum.code} {self.year}: {self.last_number}"


class Proposal(PermanentRecord):
    """A matter put to a forum for endorsement by consensus of the participating ministries.

    Never deleted: the register and the outcome (status, objecting, missing) are the record.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        ENDORSED = "endorsed", _("Endorsed")
        NOT_ENDORSED = "not_endorsed", _("Not endorsed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    CLOSED_STATUSES = (Status.ENDORSED, Status.NOT_ENDORSED, Status.WITHDRAWN)

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("forum")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    text = models.TextField(_("text"))
    deadline = models.DateTimeField(_("deadline"))
    silent_consent = models.BooleanField(
        _("written procedure with silent consent"),
        default=False,
        help_text=_("Ministries that have not answered by the deadline count as standing aside."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="proposals", verbose_name=_("measures")
    )
    participants = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="proposals",
        verbose_name=_("participating ministries"),
        help_text=_("The ministries holding a seat in the forum when consultation opened."),
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
        verbose_name=_("amends"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    objecting = models.JSONField(_("objecting ministries"), default=list, blank=True)
    missing = models.JSONField(_("missing ministries"), default=list, blank=True)
    silent = models.JSONField(
        _("counted as standing aside by silent consent"), default=list, blank=True
    )
    history = history_records(m2m_fields=[measures, participants])

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-year", "-number", "forum"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "year", "number"], name="forums_proposal_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.register_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    @property
    def register_number(self) -> str:
        return f"{self.forum.code} {self.year}/{self.number:02d}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES


class ProposalVersion(PermanentRecord):
    """The text of a proposal as it stood in one version; revisions add versions."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    text = models.TextField(_("text"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = history_records()

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="forums_proposalversion_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} v{self.number}"


class PositionChoice(models.TextChoices):
    ENDORSE = "endorse", _("Endorse")
    STAND_ASIDE = "stand_aside", _("Stand aside")
    OBJECT = "object", _("Object")


class Resolution(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Withdrawn with an explanation")
    ANSWERED_BY_REVISION = "answered_by_revision", _("Answered by a revision")


class PositionQuerySet(PermanentQuerySet):
    def current(self) -> "PositionQuerySet":
        """The positions that count: a withdrawn objection counts as no position."""
        return self.filter(withdrawn_at__isnull=True)


class Position(PermanentRecord):
    """A ministry's position on one version of a proposal: at most one current, by constraint.

    Never deleted. A withdrawn objection keeps its row, marked with who withdrew it and when;
    it then no longer counts, and the ministry may record a new position.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="positions")
    version = models.PositiveIntegerField(_("version"))
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(
        pgettext_lazy("a ministry's standpoint", "position"),
        max_length=20,
        choices=PositionChoice.choices,
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    withdrawn_at = models.DateTimeField(_("objection withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("objection withdrawn by"),
    )
    # How an objection was resolved; withdrawn_at/withdrawn_by say who and when for both kinds.
    resolution = models.CharField(
        _("resolution"), max_length=30, choices=Resolution.choices, blank=True
    )
    resolution_text = models.TextField(_("resolution explained"), blank=True)
    history = history_records()

    objects: ClassVar["models.Manager[Position]"] = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("a ministry's standpoint", "position")
        verbose_name_plural = _("positions")
        ordering = ["proposal", "version", "ministry__abbreviation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "version", "ministry"],
                condition=Q(withdrawn_at__isnull=True),
                name="forums_position_one_current",
            ),
            models.CheckConstraint(
                condition=~Q(position="object") | ~Q(reason=""),
                name="forums_position_objection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | Q(position="object", withdrawn_by__isnull=False),
                name="forums_position_only_objections_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ministry}: {self.get_position_display()}"


class PositionChange(PermanentRecord):
    """Append-only history of positions: every recording, and every objection withdrawn."""

    class Kind(models.TextChoices):
        RECORDED = "recorded", _("Position recorded")
        OBJECTION_WITHDRAWN = "objection_withdrawn", _("Objection withdrawn")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="changes")
    version = models.PositiveIntegerField(_("version"))
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    position = models.CharField(
        pgettext_lazy("a ministry's standpoint", "position"),
        max_length=20,
        choices=PositionChoice.choices,
        blank=True,
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = history_records()

    class Meta:
        verbose_name = _("position change")
        verbose_name_plural = _("position changes")
        ordering = ["proposal", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.ministry} v{self.version}: {self.kind} {self.position}"


class Delegation(PermanentRecord):
    """An admin head lets a deputy sign for the ministry for a period; revocable, logged.

    Never deleted: revoking marks the row (revoked_at, revoked_by).
    """

    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("ministry")
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="delegations_received",
        verbose_name=_("deputy"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = history_records()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["ministry", "-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="forums_delegation_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ministry} → {self.delegate} ({self.valid_from}–{self.valid_to})"


class Advice(models.Model):
    """Input without a vote from a service forum or a core group; shown, never counted."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="advice")
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service forum"),
    )
    core_group = models.ForeignKey(
        CoreGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("core group"),
    )
    # The service forum's or core group's meeting the advice came out of, where it did.
    meeting = models.ForeignKey(
        "forums.Meeting", models.PROTECT, null=True, blank=True, verbose_name=_("meeting")
    )
    text = models.TextField(_("advice"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = history_records()

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")
        ordering = ["proposal", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(forum__isnull=False, core_group__isnull=True)
                | Q(forum__isnull=True, core_group__isnull=False),
                name="forums_advice_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.source}"

    @property
    def source(self) -> str:
        body = self.forum if self.forum_id else self.core_group
        return body.name if body is not None else ""


class Escalation(PermanentRecord):
    """A proposal that was not endorsed, lifted to a higher level (recorded, not decided here)."""

    class Level(models.TextChoices):
        SECRETARIES_GENERAL = "secretaries_general", _("Group of secretaries general")
        POLITICAL = "political", _("Political level")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="escalations")
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    note = models.TextField(_("note"), blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("escalated at"), auto_now_add=True)
    history = history_records()

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["proposal", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "level"], name="forums_escalation_once_per_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.get_level_display()}"
