"""Remind the lead ministries of the status reports they still owe, before and after the due date.

The beat task `measures.tasks.report_reminders_send` runs this once a day as the system (no
actor). A report is owed as everywhere else (`measures.reporting_due`, so the measure's
reporting cadence decides), by the measure's lead of the day; only the active measures of the
current strategy, while that strategy is open, and only ministries that exist on the day.

Each open period has at most two reminders per lead ministry: "due soon", from
REPORT_REMINDER_DAYS_BEFORE days before its due date up to the due date, and "overdue", from
the day after the due date while the period stays open. A `ReportReminder` row, unique per
period, ministry and stage and written in the same transaction as the notifications, is the
claim: a repeat, a retry or several runs at once send each reminder once.
"""

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from measures.models import Measure, ReportingPeriod, ReportReminder, StatusReport
from measures.reminder_recipients import reminder_recipients
from measures.reporting_due import reports_owed
from measures.selectors import measures_in_strategy
from measures.selectors_portfolio import leads_on
from portfolio.audit import audit_record
from portfolio.models import Ministry
from portfolio.notifications import notification_send, portal_link
from portfolio.selectors import strategy_choice

Stage = ReportReminder.Stage
NOTIFICATION_KIND = "status_report"


def reminder_stage(period: ReportingPeriod, today: datetime.date) -> str | None:
    """The reminder an open period asks for on the day, if any."""
    if today > period.due_on:
        return Stage.OVERDUE
    before = datetime.timedelta(days=settings.REPORT_REMINDER_DAYS_BEFORE)
    if today >= period.due_on - before:
        return Stage.DUE_SOON
    return None


def _reporting_measures() -> QuerySet[Measure]:
    """The active measures of the current strategy; none when that strategy is closed."""
    choice = strategy_choice(None)
    if choice.strategy is not None and choice.strategy.is_closed:
        return Measure.objects.none()
    active = Measure.objects.filter(status=Measure.Status.ACTIVE)
    return measures_in_strategy(active, choice)


def reports_owed_by_lead(
    *, periods: list[ReportingPeriod], today: datetime.date
) -> dict[tuple[int, int], list[Measure]]:
    """(period id, ministry id) → the measures whose report that ministry, their lead of
    `today` existing on that day, still owes in the period. A constant number of queries."""
    if not periods:
        return {}
    measures = list(
        _reporting_measures()
        .only("pk", "code", "name_nb", "name_nn", "name_en", "lead_ministry_id")
        .order_by("position", "code")
    )
    if not measures:
        return {}
    ids = [measure.pk for measure in measures]
    owed = reports_owed(periods=periods, measure_ids=ids)
    reported = set(
        StatusReport.objects.filter(period__in=periods, measure_id__in=ids).values_list(
            "measure_id", "period_id"
        )
    )
    leads = leads_on(today)
    lead_of = {measure.pk: leads.get(measure.pk, measure.lead_ministry_id) for measure in measures}
    existing = set(
        Ministry.objects.active_on(today)
        .filter(pk__in=set(lead_of.values()))
        .values_list("pk", flat=True)
    )
    result: dict[tuple[int, int], list[Measure]] = defaultdict(list)
    for period in periods:
        for measure in measures:
            key = (measure.pk, period.pk)
            if key in owed and key not in reported and lead_of[measure.pk] in existing:
                result[(period.pk, lead_of[measure.pk])].append(measure)
    return dict(result)


def report_reminders_due(*, today: datetime.date) -> list[tuple[int, int, str]]:
    """(period id, ministry id, stage) of every reminder due on the day and not yet sent."""
    stages = {}
    for period in ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN):
        stage = reminder_stage(period, today)
        if stage is not None:
            stages[period.pk] = (period, stage)
    owed = reports_owed_by_lead(periods=[period for period, _stage in stages.values()], today=today)
    sent = set(
        ReportReminder.objects.filter(period_id__in=stages).values_list(
            "period_id", "ministry_id", "stage"
        )
    )
    due = [(period_id, ministry_id, stages[period_id][1]) for period_id, ministry_id in owed]
    return sorted(reminder for reminder in due if reminder not in sent)


def _subject(stage: str, period: ReportingPeriod) -> str:
    values = {"period": f"{period.year}-{period.sequence}", "date": f"{period.due_on:%d.%m.%Y}"}
    if stage == Stage.OVERDUE:
        return _("Status reports for period %(period)s were due %(date)s") % values
    return _("Status reports for period %(period)s are due %(date)s") % values


def _body(ministry: Ministry, period: ReportingPeriod, measures: list[Measure]) -> str:
    lines = [
        _("%(ministry)s leads these measures and has not yet reported on them:")
        % {"ministry": ministry.abbreviation}
    ]
    for measure in measures:
        path = reverse("measures:report-edit", args=[measure.code, period.pk])
        lines.append(f"{measure.code} {measure.name}: {portal_link(path)}")
    return "\n".join(lines)


@transaction.atomic
def report_reminder_send(
    *, actor: Any, period_id: int, ministry_id: int, stage: str, today: datetime.date
) -> bool:
    """Remind the ministry of the reports it still owes in the period; True when this call sent.

    `actor` is None when the beat task sends (the system). Nothing is sent when the period is
    closed or asks for another stage today, the ministry no longer exists or owes nothing, or
    the reminder has been sent: its `ReportReminder` row, written in this transaction, is the
    claim, so a concurrent run waits for this one and then sends nothing.
    """
    period = ReportingPeriod.objects.filter(
        pk=period_id, status=ReportingPeriod.Status.OPEN
    ).first()
    if period is None or reminder_stage(period, today) != stage:
        return False
    ministry = Ministry.objects.active_on(today).filter(pk=ministry_id).first()
    if ministry is None:
        return False
    measures = reports_owed_by_lead(periods=[period], today=today).get((period.pk, ministry.pk))
    if not measures:
        return False
    codes = [measure.code for measure in measures]
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                period=period, ministry=ministry, stage=stage, measure_codes=codes
            )
    except IntegrityError:
        return False  # already sent, or being sent by a run that holds the claim
    sent = notification_send(
        recipients=reminder_recipients(ministry),
        key=f"report-reminder:{period.pk}:{ministry.pk}:{stage}",
        kind=NOTIFICATION_KIND,
        subject=lambda: _subject(stage, period),
        body=lambda: _body(ministry, period, measures),
        url=reverse("measures:report-edit", args=[codes[0], period.pk]),
    )
    audit_record(
        actor=actor,
        kind=f"report.reminded_{stage}",
        target=period,
        ministry=ministry,
        after={"measures": codes, "recipients": len(sent)},
    )
    return True
