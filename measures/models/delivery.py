"""Delivery follow-up of a measure: milestones, risks and dependencies on other measures."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models.fields import long_text, short_text
from measures.models.measures import Measure
from portfolio.history import history_records
from portfolio.models import Ministry

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Milestone(models.Model):
    """A milestone with its planned date, the current forecast and, once reached, the actual."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("measure")
    )
    title = short_text(_("title"))
    planned_on = models.DateField(_("planned"))
    forecast_on = models.DateField(_("forecast"), null=True, blank=True)
    actual_on = models.DateField(_("actual"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = history_records()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["planned_on", "id"]
        indexes = [models.Index(fields=["measure", "actual_on"], name="measures_milestone_open")]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.title}"

    @property
    def expected_on(self):
        """When it is (or was) expected: the actual date, else the forecast, else the plan."""
        return self.actual_on or self.forecast_on or self.planned_on

    @property
    def is_slipping(self) -> bool:
        return self.expected_on > self.planned_on


class Risk(models.Model):
    """A risk to a measure, scored by probability and impact, owned by a ministry."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="risks", verbose_name=_("measure")
    )
    title = short_text(_("title"))
    description = long_text(_("description"))
    probability = models.PositiveSmallIntegerField(_("probability (1–5)"), validators=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=ONE_TO_FIVE)
    owner_ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner ministry")
    )
    response = long_text(_("response"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = history_records()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["measure", "status", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=5),
                name="measures_risk_probability_range",
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5), name="measures_risk_impact_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.title}"

    @property
    def score(self) -> int:
        return self.probability * self.impact


class MeasureDependency(models.Model):
    """`measure` needs something from `depends_on` to deliver."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="dependencies", verbose_name=_("measure")
    )
    depends_on = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="dependents",
        verbose_name=_("depends on"),
    )
    description = long_text(_("description"))
    history = history_records()

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        ordering = ["measure", "depends_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "depends_on"], name="measures_measuredependency_unique"
            ),
            models.CheckConstraint(
                condition=~Q(measure=models.F("depends_on")),
                name="measures_measuredependency_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} → {self.depends_on.code}"
