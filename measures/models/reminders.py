"""The ledger of the status-report reminders the portal sends by itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from measures.models.reporting import ReportingPeriod
from portfolio.models import Ministry


class ReportReminder(models.Model):
    """One reminder to a lead ministry of the reports it owes in a period, at one stage.

    The row is the claim: unique per period, ministry and stage, written in the same
    transaction as the notifications, so each reminder goes out once however often (or however
    many at once) the reminder task runs."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("reporting period"),
    )
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="+", verbose_name=_("ministry")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    measure_codes = models.JSONField(_("measures"), default=list, blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status report reminder")
        verbose_name_plural = _("status report reminders")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "ministry", "stage"],
                name="measures_reportreminder_once_per_stage",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_id}: {self.ministry_id} {self.stage}"
