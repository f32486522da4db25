"""Which measures owe a status report in a reporting period: a hook the forums app fills in.

How often a measure reports is part of its governance (its reporting cadence), which lives
with the forums, a floor above. So measures only describes what it needs (`ReportingCadence`)
and forums registers its implementation in its AppConfig.ready() (the rule itself:
`forums.reporting_cadence.cadence_selects`). Without a registered one, every measure owes a
report in every period.

Everything that says a report is due or missing asks here: the overdue reports of the
dashboard and of who owes what (`measures.selectors_portfolio.overdue_reports`), the reminders
sent from there, and the open period on the measure page.
"""

from collections.abc import Collection, Sequence
from typing import Protocol

from measures.models import ReportingPeriod


class ReportingCadence(Protocol):
    def owing(
        self, *, periods: Sequence[ReportingPeriod], measure_ids: Collection[int]
    ) -> dict[int, set[int]]:
        """Per period id, the ids among `measure_ids` that owe a report in that period.

        A constant number of queries, however many periods and measures."""


class EveryPeriod:
    """Stands in until an app registers a cadence: every measure owes every period."""

    def owing(
        self, *, periods: Sequence[ReportingPeriod], measure_ids: Collection[int]
    ) -> dict[int, set[int]]:
        return {period.pk: set(measure_ids) for period in periods}


_cadence: list[ReportingCadence] = []


def reporting_cadence_register(cadence: ReportingCadence) -> None:
    _cadence[:] = [cadence]


def reporting_cadence() -> ReportingCadence:
    return _cadence[0] if _cadence else EveryPeriod()


def reports_owed(
    *, periods: Sequence[ReportingPeriod], measure_ids: Collection[int]
) -> set[tuple[int, int]]:
    """(measure id, period id) of every report the measures owe in the periods."""
    if not periods or not measure_ids:
        return set()
    owing = reporting_cadence().owing(periods=periods, measure_ids=measure_ids)
    return {(measure_id, period_id) for period_id, ids in owing.items() for measure_id in ids}
