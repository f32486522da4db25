"""Minutes (referat) of a meeting: drafted by the secretariat, reviewed by the seats, approved."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forums.models.meetings import AgendaItem, Meeting
from portfolio.history import history_records
from portfolio.models import Ministry
from portfolio.permanence import PermanentRecord, refuse_deletion


class Minutes(PermanentRecord):
    """One version of a meeting's minutes: draft → review → approved, then frozen.

    A correction of approved minutes is a new version that points at the one it corrects.
    The approved version's PDF is stored with its SHA-256 checksum. Never deleted.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        APPROVED = "approved", _("Approved")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=_("meeting")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    review_ends_on = models.DateField(_("review period ends"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="forums/minutes/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    history = history_records()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"], name="forums_minutes_version_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | Q(approved_at__isnull=False, pdf_sha256__regex=r"^[0-9a-f]{64}$"),
                name="forums_minutes_approved_has_checksum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("forums:minutes", args=[self.meeting_id])

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.APPROVED


class MinutesEntryQuerySet(models.QuerySet):
    def delete(self):
        if self.filter(minutes__status=Minutes.Status.APPROVED).exists():
            refuse_deletion("An entry of approved minutes")
        return super().delete()

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class MinutesEntry(models.Model):
    """A typed entry of the minutes for one agenda item; never deleted once approved."""

    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", _("Conclusion")
        RECOMMENDATION = "recommendation", _("Recommendation")
        INFORMATION = "information", _("Information")
        FOLLOW_UP = "follow_up_action", _("Follow-up action")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="minutes_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    owner_ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner ministry"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # The decision a conclusion records; the register shows the minutes from it.
    proposal = models.ForeignKey(
        "forums.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_entries",
        verbose_name=_("concludes proposal"),
    )
    history = history_records()

    objects = MinutesEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes entry")
        verbose_name_plural = _("minutes entries")
        ordering = ["minutes", "agenda_item__number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="follow_up_action")
                | Q(owner_ministry__isnull=False, due_date__isnull=False),
                name="forums_minutesentry_follow_up_has_owner_and_due",
            ),
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) | Q(kind="conclusion"),
                name="forums_minutesentry_only_a_conclusion_names_a_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item.label}: {self.get_kind_display()}"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if Minutes.objects.filter(pk=self.minutes_id, status=Minutes.Status.APPROVED).exists():
            refuse_deletion(f"{self._meta.label} {self.pk} of approved minutes")
        return super().delete(*args, **kwargs)


class ReviewComment(models.Model):
    """A seat's comment or change request during review, answered by the secretariat."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        CHANGE_REQUEST = "change_request", _("Change request")

    class Resolution(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted: the entry is edited")
        REJECTED = "rejected", _("Rejected")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="+", verbose_name=_("ministry")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=Resolution.choices, blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = history_records()

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["minutes", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.minutes}: {self.ministry}"
