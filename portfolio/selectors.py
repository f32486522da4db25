"""Reads of the ground floor: who coordinates, who owns the strategy on a given day."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from portfolio.models import CoordinationPeriod, Ministry, Strategy


def coordination_periods_on(day: datetime.date) -> QuerySet[CoordinationPeriod]:
    """The coordination periods covering the day, the latest start first (the first one counts)."""
    return CoordinationPeriod.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day
    ).order_by("-valid_from")


def coordinating_ministry(*, on: datetime.date | None = None) -> Ministry | None:
    """The ministry with the coordinating role on the given day (today by default)."""
    day = on or timezone.localdate()
    period = coordination_periods_on(day).select_related("ministry").first()
    return period.ministry if period else None


def owner_ministries(*, on: datetime.date | None = None) -> QuerySet[Ministry]:
    """The ministries and the Prime Minister's Office that own the strategy on the day."""
    return Ministry.objects.owners().active_on(on or timezone.localdate())


def current_strategy() -> Strategy | None:
    return Strategy.objects.prefetch_related("target_areas", "criteria").first()
