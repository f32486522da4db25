"""The lifecycle history of a measure: every status change with its date and decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from measures.models.fields import long_text, short_text
from measures.models.measures import Measure
from portfolio.history import history_records


class MeasureTransition(models.Model):
    """One move of a measure from one lifecycle status to the next, and where it was decided."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("measure")
    )
    from_status = models.CharField(_("from status"), max_length=20, choices=Measure.Status.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=Measure.Status.choices)
    decided_on = models.DateField(_("date"))
    # Free text ("SF 2027/04"): measures must not depend on the forums app.
    decided_in = short_text(_("decided in"), max_length=100, blank=True)
    note = long_text(_("note"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = history_records()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["measure", "-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="measures_measuretransition_changes_status",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.from_status} → {self.to_status} ({self.decided_on})"
