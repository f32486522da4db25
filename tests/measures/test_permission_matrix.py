"""The permission matrix of the follow-up: every role × every action, in the pages and the API.

T4 is led by the Ministry of Finance. An allowed action must change what it changes; a denied
one must be refused (401/403, or the login page for anonymous users) and change nothing.
"""

import pytest

from measures.models import (
    CriteriaAssessment,
    Measure,
    Milestone,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from portfolio.models import Ministry
from tests.follow_up import REPORT, open_period

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "koordinator", "sekretariat", "observator", "leder-fin", "leder-dfd", "admin"]
WRITERS = {"leder-fin", "admin"}  # the lead ministry's admin head, and administrators
ALLOWED = {
    "open_period": {"koordinator", "admin"},
    "close_period": {"koordinator", "admin"},
    "report": WRITERS,
    "risk": WRITERS,
    "milestone": WRITERS,
    # Admin heads and the coordinator, each for their own ministry; an administrator who works
    # for a ministry (the demo administrator does) as the coordinator may.
    "assess": {"koordinator", "leder-fin", "leder-dfd", "admin"},
    "transition": {"koordinator", "admin"},
}
API_ACTIONS = list(ALLOWED)
NEW_PERIOD = {
    "year": 2028,
    "sequence": 1,
    "starts_on": "2028-01-01",
    "ends_on": "2028-04-30",
    "due_on": "2028-05-15",
    "meeting": "",
}


def _fin() -> int:
    return Ministry.objects.get(abbreviation="FIN").pk


def _ui_call(client, action: str, period: ReportingPeriod):
    return {
        "open_period": lambda: client.post("/tiltak/perioder/ny/", NEW_PERIOD),
        "close_period": lambda: client.post(f"/tiltak/perioder/{period.pk}/lukk/"),
        "report": lambda: client.post(f"/tiltak/T4/rapport/{period.pk}/", REPORT),
        "risk": lambda: client.post(
            "/tiltak/T4/risiko/ny/",
            {
                "title": "Budsjett",
                "probability": 3,
                "impact": 4,
                "owner_ministry": _fin(),
                "status": "open",
            },
        ),
        "milestone": lambda: client.post(
            "/tiltak/T4/milepel/ny/", {"title": "Pilot", "planned_on": "2027-03-01"}
        ),
        "assess": lambda: client.post(
            "/tiltak/T4/vurdering/", {"score_A": 4, "score_B": 3, "score_C": 2}
        ),
        "transition": lambda: client.post(
            "/tiltak/T4/status/",
            {"to_status": "completed", "decided_on": "2027-06-01"},
        ),
    }[action]()


def _api_call(client, action: str, period: ReportingPeriod):
    return {
        "open_period": lambda: client.post(
            "/api/v1/reporting-periods/", {**NEW_PERIOD, "meeting": ""}, format="json"
        ),
        "close_period": lambda: client.post(f"/api/v1/reporting-periods/{period.pk}/close/"),
        "report": lambda: client.post(
            "/api/v1/status-reports/",
            {**REPORT, "period": period.pk, "measure": "T4"},
            format="json",
        ),
        "risk": lambda: client.post(
            "/api/v1/risks/",
            {
                "measure": "T4",
                "title": "Budsjett",
                "probability": 2,
                "impact": 5,
                "owner_ministry": "FIN",
            },
            format="json",
        ),
        "milestone": lambda: client.post(
            "/api/v1/milestones/",
            {"measure": "T4", "title": "Pilot", "planned_on": "2027-03-01"},
            format="json",
        ),
        "assess": lambda: client.post(
            "/api/v1/assessments/",
            {"measure": "T4", "criterion": "A", "period": period.pk, "score": 4},
            format="json",
        ),
        "transition": lambda: client.post(
            "/api/v1/measures/T4/transition/",
            {"to_status": "completed", "decided_on": "2027-06-01"},
            format="json",
        ),
    }[action]()


def _state() -> tuple:
    return (
        list(ReportingPeriod.objects.values_list("pk", "status")),
        StatusReport.objects.count(),
        Risk.objects.count(),
        Milestone.objects.count(),
        CriteriaAssessment.objects.count(),
        Measure.objects.get(code="T4").status,
    )


def _run(client, role: str, call, ok_codes: set[int], anonymous_denied: set[int]) -> dict:
    status = Measure.objects.get(code="T4").status
    results = {}
    for action in ALLOWED if call is _ui_call else API_ACTIONS:
        period = open_period()
        before = _state()
        response = call(client, action, period)
        changed = _state() != before
        if role in ALLOWED[action]:
            ok = response.status_code in ok_codes and changed
        else:
            denied = anonymous_denied if role == "anonymous" else {403}
            ok = response.status_code in denied and not changed
        results[action] = (role in ALLOWED[action], response.status_code, ok)
        _reset(status)
    return results


def _reset(status: str) -> None:
    """Each action starts from no follow-up data and T4 in its first status."""
    for model in (CriteriaAssessment, StatusReport, Risk, Milestone):
        model.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    Measure.objects.filter(code="T4").update(status=status)


@pytest.mark.parametrize("role", ROLES)
def test_ui_permission_matrix(client_for, role):
    results = _run(client_for(role), role, _ui_call, {302}, {302})
    assert not {action: result for action, result in results.items() if not result[2]}


@pytest.mark.parametrize("role", ROLES)
def test_api_permission_matrix(api_client_for, role):
    results = _run(api_client_for(role), role, _api_call, {200, 201}, {401})
    assert not {action: result for action, result in results.items() if not result[2]}
