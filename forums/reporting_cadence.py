"""The reporting cadence of a measure decides in which reporting periods it owes a report.

Registered in ForumsConfig.ready() as the measures app's `ReportingCadence`
(`measures.reporting_due`), so every page, export and reminder that says a report is due or
missing follows the one rule below.
"""

import calendar
import datetime
from collections.abc import Collection, Sequence

from django.utils.translation import gettext_lazy as _

from forums.models import MeasureGovernance
from measures.models import ReportingPeriod
from portfolio.types import Text

Cadence = MeasureGovernance.Cadence

# The month that closes each window of a cadence coarser than any period grid: the half
# years end in June and December, the year in December. None: every period.
CLOSING_MONTHS: dict[str, tuple[int, ...] | None] = {
    Cadence.EVERY_PERIOD: None,
    Cadence.HALF_YEARLY: (6, 12),
    Cadence.YEARLY: (12,),
}

# What each cadence asks for, in the words of the governance form and the measure page.
CADENCE_EXPLAINED: dict[str, Text] = {
    Cadence.EVERY_PERIOD: _("A status report in every reporting period."),
    Cadence.HALF_YEARLY: _(
        "A status report in the reporting periods that include June or December."
    ),
    Cadence.YEARLY: _("A status report in the reporting period that includes December."),
}


def cadence_selects(cadence: str, *, starts_on: datetime.date, ends_on: datetime.date) -> bool:
    """Whether a measure with the cadence owes a report in the period from `starts_on` to
    `ends_on`. The rule, whatever grid the reporting periods follow:

    - every period (the default, also for a measure without governance): every period;
    - half-yearly: the periods that overlap June or December, the closing months of the half
      years (with tertials the second and third, with quarters the second and fourth, with
      half-year periods both);
    - yearly: the periods that overlap December (the third tertial, the fourth quarter, the
      second half year; a period of a whole year).

    So a cadence as fine as the periods or finer owes every period, and a coarser one owes one
    report per window of its own, in the period that closes the window. It depends only on the
    period's own dates, so opening the next period never changes what an earlier one asked.
    An unknown cadence counts as every period.
    """
    months = CLOSING_MONTHS.get(cadence)
    if months is None:
        return True
    for year in range(starts_on.year, ends_on.year + 1):
        for month in months:
            first = datetime.date(year, month, 1)
            last = first.replace(day=calendar.monthrange(year, month)[1])
            if starts_on <= last and ends_on >= first:
                return True
    return False


class GovernedCadence:
    """Each measure's cadence from its governance: one query for all the measures."""

    def owing(
        self, *, periods: Sequence[ReportingPeriod], measure_ids: Collection[int]
    ) -> dict[int, set[int]]:
        ids = set(measure_ids)
        if not periods or not ids:
            return {period.pk: set() for period in periods}
        cadences = dict(
            MeasureGovernance.objects.filter(measure_id__in=ids)
            .exclude(reporting_cadence=Cadence.EVERY_PERIOD)
            .values_list("measure_id", "reporting_cadence")
        )
        return {
            period.pk: {
                measure_id
                for measure_id in ids
                if cadence_selects(
                    cadences.get(measure_id, Cadence.EVERY_PERIOD),
                    starts_on=period.starts_on,
                    ends_on=period.ends_on,
                )
            }
            for period in periods
        }
