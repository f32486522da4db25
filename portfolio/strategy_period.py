"""What a strategy knows of its period: its name in addresses, its predecessor, and its closing.

An abstract base of `portfolio.models.Strategy`, kept apart to keep that module short.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class StrategyPeriod(models.Model):
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("predecessor"),
    )
    # A closed strategy's records are read-only, save for the secretariat's corrections.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("portfolio:strategy-period", args=[self.slug])

    @property
    def slug(self) -> str:
        """The period as it is named in addresses: "2021-2025"."""
        return f"{self.period_start}-{self.period_end}"  # type: ignore[attr-defined]

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None
