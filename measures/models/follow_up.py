"""The follow-up figures of each measure as lists show them, kept by the services that write
reports, milestones and risks (measures.follow_up_summary), so lists need no subqueries."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from measures.models.measures import Measure
from measures.models.reporting import Rag, StatusReport


class MeasureFollowUp(models.Model):
    """Latest status, trend, next milestone and open risks of one measure (a read model)."""

    measure = models.OneToOneField(
        Measure,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="follow_up",
        verbose_name=_("measure"),
    )
    latest_rag = models.CharField(_("latest RAG"), max_length=10, choices=Rag.choices, null=True)
    previous_rag = models.CharField(
        _("previous RAG"), max_length=10, choices=Rag.choices, null=True
    )
    latest_confidence = models.CharField(
        _("latest confidence"), max_length=10, choices=StatusReport.Confidence.choices, null=True
    )
    next_milestone_title = models.CharField(_("next milestone"), max_length=200, null=True)
    next_milestone_on = models.DateField(_("next milestone expected"), null=True)
    open_risk_count = models.PositiveIntegerField(_("open risks"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up summary")
        verbose_name_plural = _("follow-up summaries")

    def __str__(self) -> str:
        return str(self.measure_id)
