"""Which ministry led a measure, and from when to when: the dated lead-ministry history."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models.measures import Measure
from portfolio.history import history_records
from portfolio.models import Ministry


class MeasureLeadQuerySet(models.QuerySet["MeasureLead"]):
    def on(self, day: datetime.date) -> "MeasureLeadQuerySet":
        """The rows in force on the day (at most one per measure, kept so by the service)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class MeasureLead(models.Model):
    """One ministry's lead of a measure over a period. An empty start means from the start."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="leads", verbose_name=_("measure")
    )
    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        related_name="measure_leads",
        verbose_name=_("lead ministry"),
    )
    valid_from = models.DateField(_("lead from"), null=True, blank=True)
    valid_to = models.DateField(_("lead to"), null=True, blank=True)

    objects = MeasureLeadQuerySet.as_manager()
    history = history_records()

    class Meta:
        verbose_name = _("lead of a measure")
        verbose_name_plural = _("leads of measures")
        ordering = ["measure", models.F("valid_from").asc(nulls_first=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="measures_measurelead_ordered",
            ),
            models.UniqueConstraint(
                fields=["measure", "valid_from"], name="measures_measurelead_unique_start"
            ),
            models.UniqueConstraint(
                fields=["measure"],
                condition=Q(valid_to__isnull=True),
                name="measures_measurelead_one_open",
            ),
        ]

    def __str__(self) -> str:
        start = self.valid_from.isoformat() if self.valid_from else "…"
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.measure.code}: {self.ministry} {start}–{end}"

    def covers(self, day: datetime.date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_to is None or self.valid_to >= day)
