"""Meetings of a forum, their agenda items, memo attachments and attendance."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forums.models.forums import Forum
from forums.models.wheel import WheelSlot
from measures.models import Measure
from portfolio.history import history_records
from portfolio.models import Ministry


class Meeting(models.Model):
    """One meeting of a forum, usually materialised from a slot of the annual wheel.

    A materialised meeting is unique per (slot, year); moving or cancelling it changes this
    year's meeting only, never the wheel. `sequence` grows on every change (iCal SEQUENCE).
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        HELD = "held", _("Held")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        CANCELLED = "cancelled", _("Cancelled")

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("forum")
    )
    slot = models.ForeignKey(
        WheelSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("wheel slot"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    notice_sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    papers_reminder_sent_at = models.DateTimeField(
        _("papers reminder sent at"), null=True, blank=True
    )
    minutes_reminder_sent_at = models.DateTimeField(
        _("minutes reminder sent at"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = history_records()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "year"],
                condition=Q(slot__isnull=False),
                name="forums_meeting_once_per_slot_and_year",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="forums_meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum.code} {self.starts_at:%Y-%m-%d}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("forums:meeting-detail", args=[self.pk])


class AgendaItem(models.Model):
    """An item of a meeting's agenda, numbered per forum and year: "sak 1/27"."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="agenda_items", verbose_name=_("measures")
    )
    proposals = models.ManyToManyField(
        "forums.Proposal", blank=True, related_name="agenda_items", verbose_name=_("proposals")
    )
    history = history_records(m2m_fields=[measures, proposals])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "year", "number"], name="forums_agendaitem_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    @property
    def label(self) -> str:
        return _("item %(number)d/%(year)02d") % {"number": self.number, "year": self.year % 100}


class AgendaCounter(models.Model):
    """The last agenda number used per forum and year; locked while a number is taken."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("agenda counter")
        verbose_name_plural = _("agenda counters")
        ordering = ["forum", "year"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "year"], name="forums_agendacounter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.forum.code} {self.year}: {self.last_number}"


class Attachment(models.Model):
    """A memo (notat) or other paper to an agenda item or a proposal, in Django's storage."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    proposal = models.ForeignKey(
        "forums.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("proposal"),
    )
    file = models.FileField(_("file"), upload_to="forums/attachments/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = history_records()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agenda_item__isnull=True) ^ models.Q(proposal__isnull=True),
                name="forums_attachment_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """Whether a ministry was present at a meeting, represented by a deputy, or absent."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        DEPUTY = "deputy", _("Represented by deputy")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    person = models.CharField(_("attended by"), max_length=200, blank=True)
    history = history_records()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "ministry__abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "ministry"], name="forums_attendance_once_per_ministry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.ministry} {self.status}"


class CalendarToken(models.Model):
    """A person's secret token for the iCal feeds, so calendar apps need no login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return self.user.get_username()
