"""The measure page reads the open period and the last periods together, as the two reads
would: also when the open period is older than all of the last ones."""

import datetime

import pytest

from measures.models import ReportingPeriod
from measures.selectors import open_and_recent_periods, open_period, recent_periods

pytestmark = pytest.mark.django_db

D = datetime.date
OPEN, CLOSED = ReportingPeriod.Status.OPEN, ReportingPeriod.Status.CLOSED


def _periods(statuses: list[str]) -> None:
    ReportingPeriod.objects.all().delete()
    for index, status in enumerate(statuses):
        year = 2001 + index
        ReportingPeriod.objects.create(
            year=year,
            sequence=1,
            starts_on=D(year, 1, 1),
            ends_on=D(year, 4, 30),
            due_on=D(year, 5, 15),
            status=status,
        )


@pytest.mark.parametrize(
    "statuses",
    [
        [],
        [CLOSED] * 3,
        [CLOSED] * 9 + [OPEN],
        [OPEN] + [CLOSED] * 10,
        [OPEN, CLOSED, OPEN] + [CLOSED] * 8,
        [CLOSED, OPEN, CLOSED, OPEN, CLOSED],
    ],
)
def test_the_same_periods_as_the_two_reads(demo_users, statuses):
    _periods(statuses)
    for last in (1, 3, 8):
        assert open_and_recent_periods(last=last) == (open_period(), recent_periods(last=last))
