"""Criteria assessments: how well a measure meets A (useful), B (balance) and C (feasible)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models.fields import long_text
from measures.models.measures import Measure
from measures.models.reporting import ReportingPeriod
from portfolio.history import history_records
from portfolio.models import Criterion, Ministry

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class CriteriaAssessment(models.Model):
    """One ministry's score (1–5) of one measure on one criterion in one reporting period.

    The coordinating ministry's row is the coordinator's assessment; the other ministries'
    rows show where they disagree before a forum discusses the measure.
    """

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("measure")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="+", verbose_name=_("ministry")
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("reporting period"),
    )
    score = models.PositiveSmallIntegerField(_("score (1–5)"), validators=ONE_TO_FIVE)
    comment = long_text(_("comment"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = history_records()

    class Meta:
        verbose_name = _("criteria assessment")
        verbose_name_plural = _("criteria assessments")
        ordering = ["measure", "criterion__code", "ministry__abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "criterion", "ministry", "period"],
                name="measures_criteriaassessment_once_per_ministry_period",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="measures_criteriaassessment_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.criterion.code}={self.score} ({self.ministry})"
