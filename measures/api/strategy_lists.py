"""The `?strategy=` of the lists of what belongs to measures (reports, risks, ...)."""

from typing import Any

from measures.selectors import measure_rows_in_strategy
from portfolio.api_fields import strategy_parameter


class StrategyListMixin:
    """The list shows the rows whose measure is in the chosen strategy (the current one by
    default, as the lists of measures, proposals and meetings); one row is found by its id
    whatever its strategy. `strategy_through`: the paths from a row to its measure."""

    strategy_through: tuple[str, ...] = ("measure",)

    def get_queryset(self) -> Any:
        rows = super().get_queryset()  # type: ignore[misc]
        fake = getattr(self, "swagger_fake_view", False)  # the schema reads no strategy
        if getattr(self, "action", None) == "list" and not fake:
            choice = strategy_parameter(self.request)  # type: ignore[attr-defined]
            rows = measure_rows_in_strategy(rows, choice, *self.strategy_through)
        return rows
