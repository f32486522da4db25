"""Where the generators anchor their data to fill the years of a strategy period.

`generate_portfolio --strategy 2021-2025` writes its reporting periods up to the last tertial of
the period; `generate_forum_activity --strategy 2021-2025` writes one year of forum work per
year of the period, each anchored at the end of its year, so that the evaluation package and
the period page can be tried on realistic volumes.
"""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from portfolio.evaluation.scope import Scope, strategy_by_slug
from portfolio.models import Strategy

PERIODS_PER_YEAR = 3


def strategy_scope(slug: str) -> Scope:
    try:
        return Scope(strategy_by_slug(slug))
    except Strategy.DoesNotExist as exc:
        raise CommandError(f"No strategy for the period {slug!r}.") from exc


def last_day(scope: Scope) -> datetime.date:
    """The day the portfolio generator treats as today: the period's last day."""
    return datetime.date(scope.strategy.period_end, 12, 31)


def period_count(scope: Scope) -> int:
    """Reporting periods (tertials) in the strategy's years."""
    return PERIODS_PER_YEAR * len(scope.years)


def yearly_anchors(scope: Scope) -> list[datetime.datetime]:
    """One moment per year of the period: the forum generator's "now" for that year's work."""
    return [timezone.make_aware(datetime.datetime(year, 12, 20, 12, 0)) for year in scope.years]
