"""Benefits (gevinster) of a measure and the measured values of their indicators over time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from measures.models.fields import long_text, short_text
from measures.models.measures import Measure
from portfolio.history import history_records


class Benefit(models.Model):
    """An expected benefit, with an indicator, its baseline and the target value."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="benefits", verbose_name=_("measure")
    )
    title = short_text(_("title"))
    indicator = short_text(_("indicator"))
    unit = short_text(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_on = models.DateField(_("target date"), null=True, blank=True)
    description = long_text(_("description"))
    history = history_records()

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["measure", "id"]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.title}"


class BenefitMeasurement(models.Model):
    """One measured value of a benefit's indicator on a date."""

    benefit = models.ForeignKey(
        Benefit, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("benefit")
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    comment = long_text(_("comment"), max_length=1000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = history_records()

    class Meta:
        verbose_name = _("benefit measurement")
        verbose_name_plural = _("benefit measurements")
        ordering = ["benefit", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "measured_on"], name="measures_benefitmeasurement_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.benefit} {self.measured_on}: {self.value}"
