"""The daily reminder of status reports still owed: to the lead ministry of the day, once per
period and stage, only for what the reporting cadence asks and nobody has reported yet."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from forums.models import Forum
from forums.services.delegations import delegation_grant
from forums.services.governance import measure_governance_set
from measures import reminder_recipients
from measures.models import Measure, ReportingPeriod, ReportReminder
from measures.services.periods import period_open
from measures.services.report_reminders import report_reminder_send, report_reminders_due
from measures.tasks import report_reminders_send
from portfolio.models import AuditEvent, Ministry, Notification, UserProfile
from portfolio.notification_kinds import Delivery, notification_kinds
from strategyportal.beat_schedule import beat_schedule
from tests.concurrency import at_once
from tests.follow_up import report, user

D = datetime.date
DFD_MEASURES = ["T1", "T2", "T3", "T5", "T6", "T7"]  # led by KDD until 2023, DFD since


def period(year: int, sequence: int, starts_on, ends_on, due_on) -> ReportingPeriod:
    return period_open(
        actor=user("koordinator"),
        year=year,
        sequence=sequence,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
    )


def first_tertial(year: int = 2024) -> ReportingPeriod:
    """January to April, due 15 May: no half year or year closes in it."""
    return period(year, 1, D(year, 1, 1), D(year, 4, 30), D(year, 5, 15))


def cadence(value: str, *codes: str) -> None:
    for code in codes:
        measure_governance_set(
            actor=user("koordinator"),
            measure=Measure.objects.get(code=code),
            forum=Forum.objects.get(slug="strategisk-forum"),
            participation="owners",
            reporting_cadence=value,
        )


def deputy_of_fin() -> None:
    """A deputy of FIN to whom its admin head delegates from today for a week."""
    person = get_user_model().objects.create_user("nestleder-fin", password="demo")
    fin = Ministry.objects.get(abbreviation="FIN")
    UserProfile.objects.create(user=person, ministry=fin)
    today = timezone.localdate()
    delegation_grant(
        actor=user("leder-fin"),
        ministry=fin,
        delegate=person,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
    )


def run(day: datetime.date) -> int:
    """What the beat task does, on the given day."""
    return sum(
        report_reminder_send(
            actor=None, period_id=period_id, ministry_id=ministry_id, stage=stage, today=day
        )
        for period_id, ministry_id, stage in report_reminders_due(today=day)
    )


def reminded() -> dict[str, set[str]]:
    """Per reminded ministry, the measures named in its reminders."""
    found: dict[str, set[str]] = {}
    for row in ReportReminder.objects.select_related("ministry"):
        found.setdefault(row.ministry.abbreviation, set()).update(row.measure_codes)
    return found


def recipients() -> set[str]:
    sent = Notification.objects.filter(key__startswith="report-reminder:")
    return set(sent.values_list("recipient__username", flat=True))


@pytest.mark.django_db
class TestReminders:
    def test_a_lead_owing_a_report_is_reminded_once_before_the_due_date(self, demo_users):
        first_tertial()
        before = D(2024, 5, 15) - datetime.timedelta(days=settings.REPORT_REMINDER_DAYS_BEFORE)
        assert run(before - datetime.timedelta(days=1)) == 0  # too early
        assert run(before) == 2  # DFD and FIN (T4)
        assert reminded() == {"DFD": set(DFD_MEASURES), "FIN": {"T4"}}
        assert recipients() == {"leder-dfd", "leder-fin"}
        fin = Notification.objects.get(recipient__username="leder-fin")
        assert fin.kind == "status_report"
        assert "2024-1" in fin.subject and "15.05.2024" in fin.subject
        assert "T4" in fin.body and "/tiltak/T4/rapport/" in fin.body
        assert fin.url.startswith("/tiltak/T4/rapport/")
        events = AuditEvent.objects.filter(kind="report.reminded_due_soon")
        assert events.count() == 2
        assert set(events.values_list("actor_label", flat=True)) == {"system"}

    def test_running_again_sends_nothing_more(self, demo_users):
        first_tertial()
        assert run(D(2024, 5, 10)) == 2
        assert run(D(2024, 5, 10)) == 0
        assert run(D(2024, 5, 15)) == 0  # still the "due soon" stage: already sent
        assert report_reminders_due(today=D(2024, 5, 12)) == []
        assert Notification.objects.filter(key__startswith="report-reminder:").count() == 2

    def test_once_more_after_the_due_date_if_still_missing(self, demo_users):
        p = first_tertial()
        assert run(D(2024, 5, 10)) == 2
        for code in DFD_MEASURES:
            report(code, p, by="leder-dfd")
        assert run(D(2024, 5, 16)) == 1
        overdue = ReportReminder.objects.get(stage=ReportReminder.Stage.OVERDUE)
        assert overdue.ministry.abbreviation == "FIN"
        assert overdue.measure_codes == ["T4"]
        assert "15.05.2024" in Notification.objects.get(key__endswith=":overdue").subject
        assert run(D(2024, 5, 17)) == 0

    def test_a_measure_whose_cadence_skips_the_period_is_not_reminded(self, demo_users):
        cadence("yearly", "T5")
        first_tertial()
        run(D(2024, 5, 10))
        assert reminded()["DFD"] == set(DFD_MEASURES) - {"T5"}
        cadence("yearly", *DFD_MEASURES)
        ReportReminder.objects.all().delete()
        Notification.objects.all().delete()
        run(D(2024, 5, 10))
        assert reminded() == {"FIN": {"T4"}}  # DFD owes nothing in the first tertial
        assert recipients() == {"leder-fin"}

    def test_the_lead_of_the_day_is_reminded(self, demo_users):
        """T5 was KDD's until the end of 2023 and DFD's since."""
        period(2023, 3, D(2023, 9, 1), D(2023, 12, 31), D(2024, 1, 5))
        assert run(D(2023, 12, 31)) == 2
        assert reminded() == {"KDD": set(DFD_MEASURES), "FIN": {"T4"}}
        assert recipients() == {"leder-kdd", "leder-fin"}
        assert run(D(2024, 1, 6)) == 2  # overdue: now DFD's to report, not KDD's
        overdue = ReportReminder.objects.filter(stage=ReportReminder.Stage.OVERDUE)
        assert {row.ministry.abbreviation for row in overdue} == {"DFD", "FIN"}
        assert "T5" in overdue.get(ministry__abbreviation="DFD").measure_codes
        late = Notification.objects.filter(key__endswith=":overdue")
        assert set(late.values_list("recipient__username", flat=True)) == {
            "leder-dfd",
            "leder-fin",
        }

    def test_a_measure_with_a_report_is_not_reminded(self, demo_users):
        p = first_tertial()
        report("T5", p, by="leder-dfd")
        report("T4", p, by="leder-fin")
        run(D(2024, 5, 10))
        assert reminded() == {"DFD": set(DFD_MEASURES) - {"T5"}}
        assert recipients() == {"leder-dfd"}

    def test_the_deputies_of_the_day_are_reminded_as_by_the_manual_reminder(self, demo_users):
        deputy_of_fin()
        first_tertial()
        run(D(2024, 5, 10))
        assert recipients() == {"leder-dfd", "leder-fin", "nestleder-fin"}

    def test_without_a_registered_rule_the_admin_heads_are_reminded(self, demo_users, monkeypatch):
        monkeypatch.setattr(reminder_recipients, "_recipients", [])
        deputy_of_fin()
        first_tertial()
        run(D(2024, 5, 10))
        assert recipients() == {"leder-dfd", "leder-fin"}

    def test_ended_measures_and_closed_periods_are_not_reminded(self, demo_users):
        p = first_tertial()
        Measure.objects.filter(code="T4").update(status=Measure.Status.COMPLETED)
        run(D(2024, 5, 10))
        assert "FIN" not in reminded()
        ReportingPeriod.objects.filter(pk=p.pk).update(status=ReportingPeriod.Status.CLOSED)
        assert report_reminders_due(today=D(2024, 5, 16)) == []

    def test_a_reminder_for_a_stage_the_day_does_not_ask_sends_nothing(self, demo_users):
        p = first_tertial()
        dfd = Measure.objects.get(code="T5").lead_ministry
        assert not report_reminder_send(
            actor=None, period_id=p.pk, ministry_id=dfd.pk, stage="overdue", today=D(2024, 5, 10)
        )
        assert not ReportReminder.objects.exists()

    def test_the_kind_is_declared_for_the_preferences(self, demo_users):
        kind = notification_kinds()["status_report"]
        assert kind.default == Delivery.EMAIL
        assert str(kind.label)

    def test_the_beat_task_reminds_for_today(self, demo_users, celery_eager):
        entry = beat_schedule(heartbeat_seconds=60)["measures.report-reminders"]
        assert entry["task"] == "measures.tasks.report_reminders_send"
        today = timezone.localdate()
        due = today + datetime.timedelta(days=2)
        period(due.year, 9, due - datetime.timedelta(days=60), due, due)
        assert report_reminders_send.delay().get() >= 1
        assert report_reminders_send.delay().get() == 0
        assert ReportReminder.objects.filter(stage="due_soon").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers with one file lock, so it cannot show the race; "
    "run with DATABASE_URL pointing at PostgreSQL.",
)
def test_simultaneous_runs_send_one_reminder(demo_users):
    first_tertial()
    runs = 4
    counts = at_once([lambda: run(D(2024, 5, 10))] * runs)

    assert sum(counts) == 2
    assert ReportReminder.objects.count() == 2
    sent = Notification.objects.filter(key__startswith="report-reminder:")
    assert sorted(sent.values_list("recipient__username", flat=True)) == ["leder-dfd", "leder-fin"]
