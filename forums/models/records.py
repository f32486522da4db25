"""The system of record: legal bases, cases, journal entries with their access marking.

Every document the portal makes or holds (a proposal version, a memo or other attachment, a
meeting notice, an approved version of minutes) has one `Record`, created with the default
marking of its kind. It is registered in the journal when it is final and then carries a
document number `YYYY/NNNNN-N`; the case (`RecordCase`) is its proposal or its meeting.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forums.models.meetings import Attachment, Meeting
from forums.models.minutes import Minutes
from forums.models.proposals import Proposal, ProposalVersion
from portfolio.history import history_records
from portfolio.i18n import Sourced, localized
from portfolio.models import Ministry
from portfolio.permanence import PermanentRecord


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    EXEMPT = "exempt", _("Exempt from public access")
    PARTLY_EXEMPT = "partly_exempt", _("Partly exempt")


RESTRICTED = (Access.EXEMPT, Access.PARTLY_EXEMPT)
# Shown instead of the title of a restricted document that was given no screened title.
SCREENED = _("Title screened")


class LegalBasis(Sourced):
    """A legal basis (hjemmel) for exempting a document: reference data an administrator keeps."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    citation = models.CharField(_("citation"), max_length=60, help_text=_("As in «offl. § 14»."))
    label_nb = models.CharField(_("label (bokmål)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.citation} {self.label}"

    @property
    def label(self) -> str:
        return localized(self, "label")


class CaseCounter(models.Model):
    """The last case and journal sequence numbers given per year; locked while one is drawn."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last case number"), default=0)
    last_entry = models.PositiveIntegerField(_("last journal sequence number"), default=0)

    class Meta:
        verbose_name = _("case counter")
        verbose_name_plural = _("case counters")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class RecordCase(PermanentRecord):
    """A case (sak) of the journal: one proposal or one meeting, numbered `YYYY/NNNNN`.

    `last_document` is the document sequence; the row is locked while a document is numbered.
    """

    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="record_case"
    )
    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="record_case"
    )
    # Numbered when its first document is registered, so drafts never leave gaps.
    year = models.PositiveSmallIntegerField(_("case year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("case sequence number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    last_document = models.PositiveIntegerField(_("last document number"), default=0)
    system_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="forums_recordcase_unique"),
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) ^ Q(meeting__isnull=True),
                name="forums_recordcase_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number or '–'} {self.title}"

    @property
    def case_number(self) -> str:
        return f"{self.year}/{self.number:05d}" if self.number else ""

    @property
    def owner(self) -> Proposal | Meeting:
        """The proposal or the meeting the case is about: exactly one, by the constraint."""
        owner = self.proposal if self.proposal_id else self.meeting
        if owner is None:
            raise ValueError(f"Case {self.pk} has neither a proposal nor a meeting.")
        return owner

    @property
    def forum_id(self) -> int:
        return self.owner.forum_id


class Record(PermanentRecord):
    """One document with its access marking; a journal entry once registered.

    Exactly one of the document links is set, by `kind`. The title is frozen at creation.
    """

    class Kind(models.TextChoices):
        PROPOSAL_VERSION = "proposal_version", _("Proposal version")
        MEMO = "memo", _("Memo")
        ATTACHMENT = "attachment", _("Meeting paper")
        NOTICE = "notice", _("Notice and agenda")
        MINUTES = "minutes", _("Approved minutes")

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Outgoing")
        INTERNAL = "internal", _("Internal")

    kind = models.CharField(_("kind of document"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(
        RecordCase, on_delete=models.PROTECT, related_name="records", verbose_name=_("case")
    )
    proposal_version = models.OneToOneField(
        ProposalVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="record"
    )
    attachment = models.OneToOneField(
        Attachment, on_delete=models.PROTECT, null=True, blank=True, related_name="record"
    )
    notice_of = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="notice_record"
    )
    minutes = models.OneToOneField(
        Minutes, on_delete=models.PROTECT, null=True, blank=True, related_name="record"
    )
    title = models.CharField(_("title"), max_length=250)
    access = models.CharField(
        _("access"), max_length=20, choices=Access.choices, default=Access.PUBLIC
    )
    legal_basis = models.ForeignKey(
        LegalBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis"),
    )
    screened_title = models.CharField(_("screened title"), max_length=250, blank=True)
    document_sequence = models.PositiveIntegerField(_("document sequence"), null=True, blank=True)
    journal_year = models.PositiveSmallIntegerField(_("journal year"), null=True, blank=True)
    journal_sequence = models.PositiveIntegerField(
        _("journal sequence number"), null=True, blank=True
    )
    document_number = models.CharField(
        _("document number"), max_length=20, null=True, blank=True, unique=True
    )
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_on = models.DateField(_("journal date"), null=True, blank=True, db_index=True)
    sender = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipients = models.ManyToManyField(Ministry, blank=True, related_name="+")
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    system_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = history_records()

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        ordering = ["case__year", "case__number", "document_sequence", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "document_sequence"], name="forums_record_unique_sequence"
            ),
            models.UniqueConstraint(
                fields=["journal_year", "journal_sequence"], name="forums_record_unique_entry"
            ),
            models.CheckConstraint(
                condition=Q(access="public") | Q(legal_basis__isnull=False),
                name="forums_record_exempt_has_legal_basis",
            ),
            models.CheckConstraint(
                condition=Q(document_number__isnull=True) | Q(registered_on__isnull=False),
                name="forums_record_registered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_number or '–'} {self.title}"

    @property
    def is_restricted(self) -> bool:
        return self.access in RESTRICTED

    @property
    def public_title(self) -> str:
        """The title anyone may see: a restricted document never shows its real title."""
        if self.is_restricted:
            return self.screened_title or str(SCREENED)
        return self.title


class MarkingChangeRequest(PermanentRecord):
    """An admin head's request that the marking of a document be changed, with the reason."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Changed")
        DECLINED = "declined", _("Declined")

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="change_requests")
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    access = models.CharField(_("access asked for"), max_length=20, choices=Access.choices)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN
    )

    class Meta:
        verbose_name = _("request to change a marking")
        verbose_name_plural = _("requests to change a marking")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.record}: {self.access}"


class MinistryReference(models.Model):
    """A ministry's own case or document number for a proposal or minutes in its own archive."""

    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="+", verbose_name=_("ministry")
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="references"
    )
    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, null=True, blank=True, related_name="references"
    )
    reference = models.CharField(_("own reference"), max_length=60)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = history_records()

    class Meta:
        verbose_name = _("ministry's own reference")
        verbose_name_plural = _("ministries' own references")
        ordering = ["ministry__abbreviation"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) ^ Q(minutes__isnull=True),
                name="forums_ministryreference_one_owner",
            ),
            models.UniqueConstraint(
                fields=["ministry", "proposal"],
                condition=Q(proposal__isnull=False),
                name="forums_ministryreference_once_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["ministry", "minutes"],
                condition=Q(minutes__isnull=False),
                name="forums_ministryreference_once_per_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ministry}: {self.reference}"
