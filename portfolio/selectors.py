"""Reads of the ground floor: who coordinates, who owns the strategy on a given day."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from portfolio.models import CoordinationPeriod, Ministry, Strategy

STRATEGY_SLUG = re.compile(r"^(\d{4})-(\d{4})$")


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


# The open strategies first, the latest first: the first row is the current strategy.
CURRENT_FIRST = (F("closed_at").asc(nulls_first=True), "-period_start")


def current_strategy() -> Strategy | None:
    """The strategy the portal shows by default: the latest open one (else the latest)."""
    strategies = Strategy.objects.prefetch_related("target_areas", "criteria")
    return strategies.order_by(*CURRENT_FIRST).first()


def strategy_chosen(slug: str | None) -> Strategy | None:
    """The strategy named by `?strategy=<slug>` ("2021-2025" or its code), else the current one.

    Raises Strategy.DoesNotExist for a name that matches none."""
    strategies = Strategy.objects.all()
    if not slug:
        return strategies.order_by(*CURRENT_FIRST).first()
    match = STRATEGY_SLUG.match(slug)
    if match:
        return strategies.get(period_start=int(match[1]), period_end=int(match[2]))
    return strategies.get(code=slug)


def closed_strategy_of_years(years: list[int]) -> Strategy | None:
    """The closed strategy whose period covers one of the years, unless an open one covers it."""
    years = [year for year in years if year is not None]
    if not years:
        return None
    covering = Strategy.objects.filter(period_start__lte=max(years), period_end__gte=min(years))
    found = None
    for strategy in covering:
        if any(strategy.period_start <= year <= strategy.period_end for year in years):
            if strategy.closed_at is None:
                return None
            found = strategy
    return found


@dataclass(frozen=True)
class StrategyChoice:
    """The strategy a list shows (`?strategy=<slug>`, else the current one) and its reach.

    Dated records (proposals, meetings) belong to it from its first year until its successor
    starts; the first strategy also keeps what came before it, and the latest what came after
    its period while no successor exists. `latest`: it has no successor. `strategies`: all of
    them, the latest first (for the switcher), and `current` the one shown by default."""

    strategy: Strategy | None
    first_year: int | None = None
    last_year: int | None = None
    latest: bool = True
    strategies: tuple[Strategy, ...] = ()
    current: Strategy | None = None


def current_first(strategy: Strategy) -> tuple[bool, int]:
    """Sort key: the open strategies first, the latest first (as CURRENT_FIRST in SQL)."""
    return strategy.closed_at is not None, -strategy.period_start


def strategy_choice(slug: str | None) -> StrategyChoice:
    """The strategy a list shows and its years, with every strategy, in one query (a strategy
    lasts years: there are few).

    Raises Strategy.DoesNotExist for a name that matches none (the API answers 400)."""
    strategies = tuple(Strategy.objects.select_related("successor").order_by("-period_start"))
    # As `current_strategy`: the latest open one, else the latest.
    current = min(
        strategies, key=lambda s: (s.closed_at is not None, -s.period_start), default=None
    )
    strategy = current
    if slug:
        match = STRATEGY_SLUG.match(slug)
        found = [
            s
            for s in strategies
            if (match and (s.period_start, s.period_end) == (int(match[1]), int(match[2])))
            or (not match and s.code == slug)
        ]
        if not found:
            raise Strategy.DoesNotExist(slug)
        strategy = found[0]
    if strategy is None:
        return StrategyChoice(strategy=None)
    successor = getattr(strategy, "successor", None)  # fetched with it: no query
    return StrategyChoice(
        strategy=strategy,
        first_year=strategy.period_start if strategy.predecessor_id is not None else None,
        last_year=successor.period_start - 1 if successor is not None else None,
        latest=successor is None,
        strategies=strategies,
        current=current,
    )


def page_strategy_choice(slug: str | None) -> StrategyChoice:
    """For a page: an unknown name shows the current strategy (a list is never empty by a
    typo; the switcher says which one is shown)."""
    try:
        return strategy_choice(slug)
    except Strategy.DoesNotExist:
        return strategy_choice(None)
