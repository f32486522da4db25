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


def report(code: str, period: ReportingPeriod, *, by: str = "leder-dfd", **values):
    return status_report_submit(
        actor=user(by),
        period=period,
        measure=Measure.objects.get(code=code),
        **{**REPORT, **values},
    )[0]


def count_queries(client, url: str) -> int:
    """SQL queries of one GET. Each request clears the connection's query log as it starts,
    so the log is cleared first here too; otherwise a second count in a test is wrong."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
