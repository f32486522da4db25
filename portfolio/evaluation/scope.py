"""Which strategy an evaluation covers, named by its period ("2021-2025") or its code."""

import re
from dataclasses import dataclass

from portfolio.models import Strategy

SLUG_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")


def strategy_slug(strategy: Strategy) -> str:
    return f"{strategy.period_start}-{strategy.period_end}"


def strategy_by_slug(slug: str) -> Strategy:
    """The strategy of the period "2021-2025" (or with that code); Strategy.DoesNotExist if none."""
    match = SLUG_PATTERN.match(slug or "")
    if match:
        return Strategy.objects.get(period_start=int(match[1]), period_end=int(match[2]))
    return Strategy.objects.get(code=slug)


@dataclass(frozen=True)
class Scope:
    """The strategy and its years; every table and figure of the package reads through this."""

    strategy: Strategy

    @property
    def slug(self) -> str:
        return strategy_slug(self.strategy)

    @property
    def years(self) -> range:
        return range(self.strategy.period_start, self.strategy.period_end + 1)
