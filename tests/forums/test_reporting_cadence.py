"""A measure's reporting cadence decides which periods it owes a report in: the dashboard, who
owes what (page, Excel, reminder) and the measure page agree, and the lead of the day owes it."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from forums.models import Forum
from forums.reporting_cadence import cadence_selects
from forums.services.governance import measure_governance_set
from measures import reporting_due
from measures.models import Measure, ReportingPeriod
from measures.selectors_portfolio import overdue_reports
from measures.services.periods import period_open
from portfolio.dashboard.owed import owed_remind, owed_rows
from portfolio.exceptions import WrongState
from portfolio.models import Notification
from tests.follow_up import report
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

D = datetime.date
DFD_MEASURES = ["T1", "T2", "T3", "T5", "T6", "T7"]  # led by KDD until 2023, DFD since


def _period(year: int, sequence: int, starts_on, ends_on, due_on) -> ReportingPeriod:
    return period_open(
        actor=user("koordinator"),
        year=year,
        sequence=sequence,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
    )


def first_tertial(year: int = 2024) -> ReportingPeriod:
    """January to April: no half year or year closes in it."""
    return _period(year, 1, D(year, 1, 1), D(year, 4, 30), D(year, 5, 15))


def third_tertial(year: int = 2024) -> ReportingPeriod:
    """September to December: it closes the second half year and the year."""
    return _period(year, 3, D(year, 9, 1), D(year, 12, 31), D(year + 1, 1, 15))


def cadence(cadence: str, *codes: str) -> None:
    for code in codes:
        measure_governance_set(
            actor=user("koordinator"),
            measure=Measure.objects.get(code=code),
            forum=Forum.objects.get(slug="strategisk-forum"),
            participation="owners",
            reporting_cadence=cadence,
        )


def overdue(day) -> set[str]:
    return {row["measure"].code for row in overdue_reports(today=day)}


TERTIALS = [(D(2027, 1, 1), D(2027, 4, 30)), (D(2027, 5, 1), D(2027, 8, 31))]
TERTIALS += [(D(2027, 9, 1), D(2027, 12, 31))]
QUARTERS = [(D(2027, m, 1), D(2027, m + 2, 28)) for m in (1, 4, 7, 10)]
HALVES = [(D(2027, 1, 1), D(2027, 6, 28)), (D(2027, 7, 1), D(2027, 12, 28))]
MONTHS = [(D(2027, m, 1), D(2027, m, 28)) for m in range(1, 13)]


@pytest.mark.parametrize(
    "grid, every, half_yearly, yearly",
    [
        (TERTIALS, [1, 2, 3], [2, 3], [3]),
        (QUARTERS, [1, 2, 3, 4], [2, 4], [4]),
        (HALVES, [1, 2], [1, 2], [2]),
        (MONTHS, list(range(1, 13)), [6, 12], [12]),
        ([(D(2027, 1, 1), D(2027, 12, 31))], [1], [1], [1]),
    ],
    ids=["tertials", "quarters", "half-years", "months", "a-whole-year"],
)
def test_the_rule_selects_the_periods_that_close_a_window_of_the_cadence(
    grid, every, half_yearly, yearly
):
    def selected(value: str) -> list[int]:
        return [
            number
            for number, (starts_on, ends_on) in enumerate(grid, start=1)
            if cadence_selects(value, starts_on=starts_on, ends_on=ends_on)
        ]

    assert selected("every_period") == every
    assert selected("half_yearly") == half_yearly
    assert selected("yearly") == yearly
    assert selected("unknown") == every


def test_a_yearly_measure_is_not_missing_in_a_period_its_cadence_skips(demo_users):
    cadence("yearly", "T5")
    cadence("every_period", "T6")  # recorded, but the default cadence
    first_tertial()
    assert overdue(D(2024, 6, 1)) == {"T1", "T2", "T3", "T4", "T6", "T7"}


def test_a_yearly_measure_is_missing_in_the_period_its_cadence_selects(demo_users):
    cadence("yearly", "T5")
    period = third_tertial()
    day = D(2025, 2, 1)
    assert "T5" in overdue(day)
    report("T5", period, by="leder-dfd")
    assert overdue(day) == {"T1", "T2", "T3", "T4", "T6", "T7"}


def test_a_half_yearly_measure_owes_the_second_and_third_tertial(demo_users):
    cadence("half_yearly", "T5")
    first_tertial()
    _period(2024, 2, D(2024, 5, 1), D(2024, 8, 31), D(2024, 9, 15))
    third_tertial()
    owed = [row["period"].sequence for row in overdue_reports(today=D(2025, 2, 1))]
    by_t5 = [
        row["period"].sequence
        for row in overdue_reports(today=D(2025, 2, 1))
        if row["measure"].code == "T5"
    ]
    assert sorted(by_t5) == [2, 3]
    assert owed.count(1) == 6  # every other measure owes the first tertial


def test_default_cadence_measures_owe_every_period_as_before(demo_users):
    first_tertial()
    third_tertial()
    rows = overdue_reports(today=D(2025, 2, 1))
    assert len(rows) == 2 * Measure.objects.filter(status=Measure.Status.ACTIVE).count()


def test_without_a_registered_cadence_every_measure_owes_every_period(demo_users, monkeypatch):
    monkeypatch.setattr(reporting_due, "_cadence", [])
    cadence("yearly", "T5")
    first_tertial()
    assert "T5" in overdue(D(2024, 6, 1))


def test_the_cadences_cost_one_query_whatever_their_number(demo_users):
    first_tertial()
    third_tertial()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            overdue_reports(today=D(2025, 2, 1))
        return len(captured)

    few = queries()
    cadence("yearly", *DFD_MEASURES)
    cadence("half_yearly", "T4")
    assert queries() == few


def _dfd_and_fin(day):
    ids = {ministry("DFD").pk, ministry("FIN").pk}
    return {
        row.ministry.abbreviation: {item["measure"].code for item in row.reports}
        for row in owed_rows(ministry_ids=ids, today=day)
    }


def test_who_owes_what_and_its_reminder_skip_what_the_cadence_does_not_ask(demo_users):
    cadence("yearly", *DFD_MEASURES)
    first_tertial()
    day = D(2024, 6, 1)
    assert _dfd_and_fin(day) == {"DFD": set(), "FIN": {"T4"}}
    now = datetime.datetime(2024, 6, 1, 9, tzinfo=datetime.UTC)
    with pytest.raises(WrongState):  # DFD owes nothing: no reminder
        owed_remind(actor=user("koordinator"), ministry=ministry("DFD"), now=now)
    assert owed_remind(actor=user("koordinator"), ministry=ministry("FIN"), now=now) == 1
    sent = Notification.objects.filter(key__startswith="owed:")
    assert set(sent.values_list("recipient__username", flat=True)) == {"leder-fin"}
    assert "Forfalte statusrapporter: 1" in sent.get().body


def test_the_reminder_of_a_selected_period_goes_to_the_lead_of_the_day(demo_users):
    """The third tertial of 2023 was KDD's to report on; after the change of lead, DFD's."""
    cadence("yearly", *DFD_MEASURES)
    third_tertial(2023)
    assert _dfd_and_fin(D(2024, 2, 1))["DFD"] == set(DFD_MEASURES)
    kdd = owed_rows(ministry_ids={ministry("KDD").pk}, today=D(2024, 2, 1))
    assert [len(row.reports) for row in kdd] == [0]
    now = datetime.datetime(2024, 2, 1, 9, tzinfo=datetime.UTC)
    assert owed_remind(actor=user("koordinator"), ministry=ministry("DFD"), now=now) >= 1
    sent = Notification.objects.filter(key__startswith="owed:")
    assert set(sent.values_list("recipient__username", flat=True)) == {"leder-dfd"}
    assert "Forfalte statusrapporter: 6" in sent.get().body


@pytest.mark.parametrize("selected", [False, True])
def test_the_pages_and_the_export_agree(demo_users, client_for, selected):
    cadence("yearly", "T5")
    period = third_tertial(2023) if selected else first_tertial(2023)
    client = client_for("koordinator")
    dashboard = {item["measure"].code for item in client.get("/portefolje/").context["overdue"]}
    assert ("T5" in dashboard) is selected
    assert "T1" in dashboard
    owed_page = client.get("/oppfolging/").context["rows"]
    dfd = next(row for row in owed_page if row.ministry.abbreviation == "DFD")
    assert len(dfd.reports) == (6 if selected else 5)
    sheet = load_workbook(io.BytesIO(client.get("/oppfolging/eksport.xlsx").content)).active
    dfd_line = next(line for line in sheet.iter_rows(values_only=True) if line[0] == "DFD")
    assert dfd_line[2] == len(dfd.reports)
    page = client_for("leder-dfd").get(Measure.objects.get(code="T5").get_absolute_url())
    text = page.content.decode()
    assert page.context["open_period"] == period
    assert page.context["open_period_owed"] is selected
    assert ("krever ingen rapport i denne perioden" in text) is not selected
    other = client_for("leder-dfd").get(Measure.objects.get(code="T1").get_absolute_url())
    assert other.context["open_period_owed"] is True
    assert "krever ingen rapport" not in other.content.decode()


def test_the_measure_page_explains_the_cadence(demo_users, client_for):
    cadence("half_yearly", "T5")
    page = client_for("observator").get(Measure.objects.get(code="T5").get_absolute_url())
    assert "omfatter juni eller desember" in page.content.decode()
    form = client_for("koordinator").get(
        f"{Measure.objects.get(code='T5').get_absolute_url()}styring/"
    )
    assert form.status_code == 200
    assert "som omfatter desember" in form.content.decode()
