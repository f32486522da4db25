"""The measures (tiltak) of the portfolio and the core groups of the core-group trial."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portfolio.history import history_records
from portfolio.i18n import Sourced, localized
from portfolio.models import Ministry, TargetArea


class Measure(Sourced):
    """A measure in the portfolio, led by one ministry, serving one or more target areas."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ASSESSED = "assessed", _("Assessed")
        PRIORITISED = "prioritised", _("Prioritised")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    DETAIL_URL = "measures:detail"

    code = models.CharField(_("code"), max_length=10, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_nb = models.TextField(_("description (bokmål)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    lead_ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        related_name="led_measures",
        verbose_name=_("lead ministry"),
        help_text=_("The lead of today; the dated history is in the measure's leads."),
    )
    participating_ministries = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="participating_measures",
        verbose_name=_("participating ministries"),
    )
    target_areas = models.ManyToManyField(
        TargetArea, related_name="measures", verbose_name=_("target areas")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    # The measure of an earlier strategy this one carries on; that one keeps its own history.
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("predecessor"),
    )

    history = history_records(m2m_fields=[participating_ministries, target_areas])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_nb}"

    def get_absolute_url(self) -> str:
        return reverse(self.DETAIL_URL, args=[self.code])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    def lead_on(self, day: datetime.date) -> Ministry:
        """The lead ministry on the day, from the dated history (prefetch `leads__ministry`).

        `lead_ministry` is the lead of today, kept by the services; a day before the
        history starts, or a measure without history, falls back to it.
        """
        for lead in self.leads.all():
            if lead.covers(day):
                return lead.ministry
        return self.lead_ministry


class CoreGroup(Sourced):
    """A core group (kjernegruppe) of the core-group trial, led at secretary-general level."""

    DETAIL_URL = "measures:core-group-detail"

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="core_groups", verbose_name=_("measure")
    )
    code = models.CharField(_("code"), max_length=10, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200, blank=True)
    full_name_nb = models.CharField(_("full name (bokmål)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    lead_ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_core_groups",
        verbose_name=_("lead ministry"),
    )
    participating_ministries = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="core_groups",
        verbose_name=_("participating ministries"),
    )
    started = models.CharField(
        _("started"), max_length=40, blank=True, help_text=_("As precise as the sources allow.")
    )
    mandate_nb = models.TextField(_("mandate (bokmål)"), blank=True)
    mandate_en = models.TextField(_("mandate (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Measure.Status.choices, default=Measure.Status.ACTIVE
    )

    history = history_records(m2m_fields=[participating_ministries])

    class Meta:
        verbose_name = _("core group")
        verbose_name_plural = _("core groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_nb}"

    def get_absolute_url(self) -> str:
        return reverse(self.DETAIL_URL, args=[self.code])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def mandate(self) -> str:
        return localized(self, "mandate")
