"""Helpers for follow-up tests: periods and reports made through the services."""

import datetime

from django.contrib.auth import get_user_model

from measures.models import Measure, ReportingPeriod
from measures.services.periods import period_open
from measures.services.reports import status_report_submit

REPORT = {
    "rag": "green",
    "confidence": "high",
    "confidence_rationale": "On track.",
    "progress": "green",
    "schedule": "green",
    "cost": "green",
    "risk": "amber",
    "achievements": "Pilot delivered.",
    "next_steps": "Roll out.",
    "help_needed": "",
}


def user(username: str):
    return get_user_model().objects.get(username=username)


def open_period(year: int = 2027, sequence: int = 1, *, due_on=None) -> ReportingPeriod:
    start = datetime.date(year, (sequence - 1) * 4 + 1, 1)
    return period_open(
        actor=user("koordinator"),
        year=year,
        sequence=sequence,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=110),
        due_on=due_on or start + datetime.timedelta(days=120),
    )


def report(code: str, period: ReportingPeriod, *, by: str = "leder-kdd", **values):
    return status_report_submit(
        actor=user(by),
        period=period,
        measure=Measure.objects.get(code=code),
        **{**REPORT, **values},
    )[0]
