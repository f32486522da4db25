"""The API of the secretariat's changes to a meeting (move, cancel, reinstate, mark held): the
same services, rules and errors as the meeting's page."""

import datetime

import pytest
from django.utils import timezone

from forums.models import Meeting
from forums.services.meetings import meeting_cancel
from portfolio.models import AuditEvent
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db

REFUSED = [
    ("anonymous", 401),
    ("koordinator", 403),
    ("observator", 403),
    ("leder-fin", 403),
    ("leder-dfd", 403),  # the chair of the forum does not plan its meetings
]
ALLOWED = [("sekretariat", 200), ("admin", 200)]  # administrators plan meetings too
NEW_START = "2027-11-03T10:00:00+01:00"


def _meeting(forum, *, days: float = 30, status: str = Meeting.Status.PLANNED) -> Meeting:
    starts_at = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        forum=forum,
        year=starts_at.year,
        title="Møte",
        place="R1",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        status=status,
    )


def _state(meeting: Meeting) -> tuple:
    meeting.refresh_from_db()
    return (meeting.status, meeting.starts_at, meeting.ends_at, meeting.place, meeting.sequence)


def _url(meeting: Meeting, action: str) -> str:
    return f"/api/v1/meetings/{meeting.pk}/{action}/"


# action -> (how the meeting is before, the body, the status after)
ACTIONS = {
    "reschedule": (
        {},
        {"starts_at": NEW_START, "place": "R5"},
        Meeting.Status.PLANNED,
    ),
    "cancel": ({}, None, Meeting.Status.CANCELLED),
    "reinstate": ({"status": Meeting.Status.CANCELLED}, None, Meeting.Status.PLANNED),
    "mark-held": ({"days": -0.1}, None, Meeting.Status.HELD),
}
KINDS = {
    "reschedule": "meeting.rescheduled",
    "cancel": "meeting.cancelled",
    "reinstate": "meeting.reinstated",
    "mark-held": "meeting.held",
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(("username", "expected"), [*REFUSED, *ALLOWED])
def test_only_those_who_plan_meetings_change_them(
    api_client_for, forum, action, username, expected
):
    setup, body, after = ACTIONS[action]
    meeting = _meeting(forum, **setup)
    before = _state(meeting)
    response = api_client_for(username).post(_url(meeting, action), body, format="json")
    assert response.status_code == expected, response.content
    if expected != 200:
        assert _state(meeting) == before
        assert not AuditEvent.objects.filter(kind=KINDS[action]).exists()
        return
    assert response.json()["status"] == after == _state(meeting)[0]
    assert AuditEvent.objects.filter(kind=KINDS[action], actor__username=username).exists()


def test_moving_a_meeting_keeps_its_length_and_tells_calendars(api_client_for, forum):
    meeting = _meeting(forum)
    sequence = meeting.sequence
    response = api_client_for("sekretariat").post(
        _url(meeting, "reschedule"), {"starts_at": NEW_START}, format="json"
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime.datetime.fromisoformat(NEW_START)
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=2)
    assert meeting.place == "R1"  # left out: stays
    assert response.json()["sequence"] == meeting.sequence == sequence + 1


def test_a_meeting_cannot_end_before_it_starts(api_client_for, forum):
    meeting = _meeting(forum)
    before = _state(meeting)
    answers = {
        language: api_client_for("sekretariat").post(
            _url(meeting, "reschedule"),
            {"starts_at": NEW_START, "ends_at": "2027-11-03T09:00:00+01:00"},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        for language in ("nb", "en")
    }
    assert answers["en"].status_code == 400
    assert list(answers["en"].json()) == ["ends_at"]
    assert answers["nb"].json() != answers["en"].json()
    assert _state(meeting) == before


# action -> how the meeting is when the action is refused for its state
WRONG_STATE = {
    "reschedule": {"status": Meeting.Status.HELD, "days": -2},
    "cancel": {"status": Meeting.Status.HELD, "days": -2},
    "reinstate": {},  # not cancelled
    "mark-held": {},  # not started yet
}


@pytest.mark.parametrize("action", WRONG_STATE)
def test_a_change_the_meetings_state_does_not_allow_is_a_conflict(api_client_for, forum, action):
    meeting = _meeting(forum, **WRONG_STATE[action])
    before = _state(meeting)
    body = ACTIONS[action][1]
    answers = {
        language: api_client_for("sekretariat").post(
            _url(meeting, action), body, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
        for language in ("nb", "en")
    }
    assert answers["en"].status_code == 409
    assert set(answers["en"].json()) == {"detail"}
    assert answers["nb"].json() != answers["en"].json()
    assert _state(meeting) == before


def test_a_meeting_that_would_have_started_is_not_reinstated(api_client_for, forum):
    meeting = _meeting(forum, days=-0.1)
    meeting_cancel(actor=user("sekretariat"), meeting=meeting)
    before = _state(meeting)
    response = api_client_for("sekretariat").post(
        _url(meeting, "reinstate"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "A meeting that would already have started cannot be reinstated."
    }
    assert _state(meeting) == before


def test_an_unknown_meeting_is_not_found(api_client_for):
    for action in ACTIONS:
        response = api_client_for("sekretariat").post(f"/api/v1/meetings/987654/{action}/")
        assert response.status_code == 404
