"""Reporting periods and the status reports that measures and core groups submit in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models.fields import long_text, short_text
from measures.models.measures import CoreGroup, Measure
from portfolio.history import history_records
from portfolio.models import Ministry


class ReportingPeriod(models.Model):
    """A round of status reporting (e.g. 2027 no. 2). Closing it makes its reports read-only."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveSmallIntegerField(_("number in the year"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    due_on = models.DateField(_("reports due"))
    # Free text: the meeting of the annual wheel that discusses the reports, when there is one.
    meeting = short_text(_("meeting"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = history_records()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="measures_reportingperiod_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="measures_reportingperiod_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(sequence__gte=1), name="measures_reportingperiod_sequence_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.sequence}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Rag(models.TextChoices):
    """Red, amber, green: the traffic-light rating of status reports."""

    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")


RAG_SCORE = {Rag.GREEN: 3, Rag.AMBER: 2, Rag.RED: 1}


class StatusReport(models.Model):
    """A measure's (or a core group's) status in one reporting period; one per subject and period.

    Measures and core groups share this model, with exactly one of the two set, so that the
    history, the trend, the permission rule and the API are the same for both.
    """

    class Confidence(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("reporting period"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("measure"),
    )
    core_group = models.ForeignKey(
        CoreGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("core group"),
    )
    rag = models.CharField(_("overall status"), max_length=10, choices=Rag.choices)
    confidence = models.CharField(
        _("delivery confidence"), max_length=10, choices=Confidence.choices
    )
    confidence_rationale = long_text(_("rationale for the confidence"), blank=False)
    progress = models.CharField(_("progress"), max_length=10, choices=Rag.choices)
    schedule = models.CharField(_("schedule"), max_length=10, choices=Rag.choices)
    cost = models.CharField(_("cost"), max_length=10, choices=Rag.choices)
    risk = models.CharField(_("risk"), max_length=10, choices=Rag.choices)
    achievements = long_text(_("key achievements"))
    next_steps = long_text(_("next steps"))
    help_needed = long_text(_("help needed"))
    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting ministry"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = history_records()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-period__year", "-period__sequence", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__isnull=False, core_group__isnull=True)
                | Q(measure__isnull=True, core_group__isnull=False),
                name="measures_statusreport_one_subject",
            ),
            models.UniqueConstraint(
                fields=["measure", "period"],
                condition=Q(measure__isnull=False),
                name="measures_statusreport_one_per_measure_period",
            ),
            models.UniqueConstraint(
                fields=["core_group", "period"],
                condition=Q(core_group__isnull=False),
                name="measures_statusreport_one_per_group_period",
            ),
        ]

    def __str__(self) -> str:
        subject = self.measure or self.core_group
        return f"{subject.code if subject else '?'} {self.period}"

    @property
    def subject(self) -> Measure | CoreGroup | None:
        return self.measure or self.core_group
