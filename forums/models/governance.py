"""Governance adapted to each measure (DFØ 2023:7, recommendation 5.3), and the decisions
that move a measure through its lifecycle.

Both point at the measures app from above: measures never point back.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forums.models.forums import Forum
from forums.models.proposals import Proposal
from measures.models import Measure, MeasureTransition
from portfolio.history import history_records
from portfolio.models import Ministry


class MeasureGovernance(models.Model):
    """Which forum decides on a measure, which ministries take part, how often it reports.

    A measure without a row is governed the default way: Strategisk forum, every owner,
    every reporting period.
    """

    class Participation(models.TextChoices):
        OWNERS = "owners", _("All owners of the strategy")
        NAMED = "named", _("Named ministries")

    class Cadence(models.TextChoices):
        EVERY_PERIOD = "every_period", _("Every reporting period")
        HALF_YEARLY = "half_yearly", _("Every half year")
        YEARLY = "yearly", _("Once a year")

    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, related_name="governance", verbose_name=_("measure")
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="governed_measures",
        verbose_name=_("decision forum"),
    )
    participation = models.CharField(
        _("taking part in decisions"),
        max_length=20,
        choices=Participation.choices,
        default=Participation.OWNERS,
    )
    ministries = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="+",
        verbose_name=_("ministries taking part"),
        help_text=_("Only when named ministries take part."),
    )
    reporting_cadence = models.CharField(
        _("reporting cadence"),
        max_length=20,
        choices=Cadence.choices,
        default=Cadence.EVERY_PERIOD,
    )
    history = history_records(m2m_fields=[ministries])

    class Meta:
        verbose_name = _("governance of a measure")
        verbose_name_plural = _("governance of measures")
        ordering = ["measure"]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.forum.code}"


class MeasureDecision(models.Model):
    """The endorsed proposal a measure's status change rests on: a link, not a reference text."""

    transition = models.OneToOneField(
        MeasureTransition,
        on_delete=models.CASCADE,
        related_name="decision",
        verbose_name=_("status change"),
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        related_name="measure_decisions",
        verbose_name=_("proposal"),
    )
    history = history_records()

    class Meta:
        verbose_name = _("decision on a measure")
        verbose_name_plural = _("decisions on measures")
        ordering = ["transition"]

    def __str__(self) -> str:
        return f"{self.transition_id} ← {self.proposal_id}"
