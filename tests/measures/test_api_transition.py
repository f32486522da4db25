"""The API of a measure's status change: the same service, rules and errors as the page."""

import datetime

import pytest
from django.utils import timezone

from measures.models import Measure, MeasureTransition
from portfolio.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/measures/T5/transition/"  # T5 is active
BODY = {"to_status": "completed", "decided_on": "2027-06-01", "decided_in": "SF 2027/04"}


def _state() -> tuple:
    return Measure.objects.get(code="T5").status, MeasureTransition.objects.count()


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("anonymous", 401),
        ("sekretariat", 403),
        ("observator", 403),
        ("leder-kdd", 403),  # the lead ministry does not decide the lifecycle
        ("leder-fin", 403),
        ("koordinator", 200),
        ("admin", 200),
    ],
)
def test_only_the_coordinator_changes_the_status(api_client_for, username, expected):
    before = _state()
    response = api_client_for(username).post(URL, BODY, format="json")
    assert response.status_code == expected, response.content
    if expected != 200:
        assert _state() == before
        return
    assert response.json()["status"] == "completed"
    transition = MeasureTransition.objects.get(measure__code="T5")
    assert (transition.from_status, transition.to_status, transition.decided_on) == (
        "active",
        "completed",
        datetime.date(2027, 6, 1),
    )
    assert transition.decided_in == "SF 2027/04"
    assert AuditEvent.objects.filter(kind="measure.transitioned").exists()


def test_a_move_the_lifecycle_does_not_allow_is_a_conflict(api_client_for, demo_users):
    before = _state()
    answers = {
        language: api_client_for("koordinator").post(
            URL, {"to_status": "proposed"}, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
        for language in ("nb", "en")
    }
    assert answers["en"].status_code == 409
    assert set(answers["en"].json()) == {"detail"}
    assert answers["nb"].json() != answers["en"].json()
    assert _state() == before


def test_an_unknown_status_is_bad_input_and_the_date_defaults_to_today(api_client_for, demo_users):
    client = api_client_for("koordinator")
    before = _state()
    unknown = client.post(URL, {"to_status": "finished"}, format="json")
    assert unknown.status_code == 400 and list(unknown.json()) == ["to_status"]
    assert _state() == before
    assert client.post(URL, {"to_status": "stopped"}, format="json").status_code == 200
    assert MeasureTransition.objects.get().decided_on == timezone.localdate()
    missing = client.post("/api/v1/measures/T99/transition/", BODY, format="json")
    assert missing.status_code == 404
