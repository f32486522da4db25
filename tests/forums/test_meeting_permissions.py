"""The permission matrix of meetings and minutes: every role × every action, pages and API.

Each action gets a fresh meeting (or fresh minutes) in the state it needs; an allowed action
must change what it changes, a denied one must be refused (401/403, or the login page for
anonymous users) and change nothing. The API's meeting actions have their matrix in
test_api_meeting_actions.py.
"""

import datetime

import pytest
from django.utils import timezone

from forums.models import AgendaItem, Meeting, Minutes, MinutesEntry, ReviewComment
from forums.services.meetings import agenda_item_create
from forums.services.minutes import (
    minutes_approve,
    minutes_comment,
    minutes_comment_answer,
    minutes_create,
    minutes_entry_add,
    minutes_submit,
)
from tests.forums.conftest import end_review, user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "koordinator", "sekretariat", "observator", "leder-fin", "leder-dfd", "admin"]
PLANNERS = {"sekretariat", "admin"}  # the secretariat plans meetings; administrators may too
MEETING_ALLOWED = {
    "cancel": PLANNERS,
    "held": PLANNERS,
    "agenda": PLANNERS,
    "reschedule": PLANNERS,
    "start_minutes": {"sekretariat"},
}
MINUTES_ALLOWED = {
    "entry": {"sekretariat"},
    "submit": {"sekretariat"},
    "comment": {"leder-fin", "leder-dfd"},  # the ministries' seats in Strategisk forum
    "answer": {"sekretariat"},
    "approve": {"leder-dfd"},  # the chair of Strategisk forum
    "correct": {"sekretariat"},
}
STATE_FOR = {
    "entry": "draft",
    "submit": "draft",
    "comment": "review",
    "answer": "commented",
    "approve": "review_over",
    "correct": "approved",
}


def _held(meeting: Meeting) -> Meeting:
    meeting.starts_at = timezone.now() - datetime.timedelta(days=2)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.status = Meeting.Status.HELD
    meeting.save()
    return meeting


def _past(meeting: Meeting) -> Meeting:
    meeting.starts_at = timezone.now() - datetime.timedelta(hours=3)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.save()
    return meeting


def _new_meeting(forum) -> Meeting:
    """A planned meeting of the forum next month with one item on its agenda."""
    starts_at = timezone.now() + datetime.timedelta(days=30)
    meeting = Meeting.objects.create(
        forum=forum,
        year=starts_at.year,
        title="Møte",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )
    agenda_item_create(actor=user("sekretariat"), meeting=meeting, title="Sak")
    return meeting


def _minutes(forum, state: str) -> tuple[Minutes, ReviewComment | None]:
    """Minutes of a new, held meeting in the state, and the open review comment if one is made."""
    secretariat = user("sekretariat")
    meeting = _held(_new_meeting(forum))
    minutes = minutes_create(actor=secretariat, meeting=meeting)
    minutes_entry_add(
        actor=secretariat,
        minutes=minutes,
        agenda_item=meeting.agenda_items.order_by("number").first(),
        kind="conclusion",
        text="Vedtatt.",
    )
    if state == "draft":
        return minutes, None
    minutes = minutes_submit(actor=secretariat, minutes=minutes)
    if state == "review":
        return minutes, None
    comment = minutes_comment(actor=user("leder-fin"), minutes=minutes, text="Merknad")
    if state == "commented":
        return minutes, comment
    minutes_comment_answer(actor=secretariat, comment=comment, answer="Tatt inn.")
    end_review(minutes)
    if state == "review_over":
        return minutes, None
    return minutes_approve(actor=user("leder-dfd"), minutes=minutes), None


def _minutes_state() -> tuple:
    return (
        list(Minutes.objects.order_by("pk").values_list("pk", "status")),
        MinutesEntry.objects.count(),
        list(ReviewComment.objects.order_by("pk").values_list("pk", "answer")),
    )


def _meeting_state(meeting: Meeting) -> tuple:
    meeting.refresh_from_db()
    return (
        meeting.status,
        meeting.starts_at,
        AgendaItem.objects.filter(meeting=meeting).count(),
        Minutes.objects.filter(meeting=meeting).count(),
    )


def _meeting_call(client, action: str, meeting: Meeting):
    base = f"/meetings/{meeting.pk}/"
    return {
        "cancel": lambda: client.post(f"{base}cancel/"),
        "held": lambda: client.post(f"{base}held/"),
        "agenda": lambda: client.post(f"{base}agenda/", {"agenda-title": "Ny sak"}),
        "reschedule": lambda: client.post(
            f"{base}reschedule/", {"move-starts_at": "2027-11-03T10:00", "move-place": "R5"}
        ),
        "start_minutes": lambda: client.post(f"{base}start-minutes/"),
    }[action]()


def _minutes_ui_call(client, action: str, minutes: Minutes, comment):
    base = f"/minutes/{minutes.pk}/"
    item = minutes.meeting.agenda_items.order_by("number").first()
    return {
        "entry": lambda: client.post(
            f"{base}entry/",
            {"entry-agenda_item": item.pk, "entry-kind": "information", "entry-text": "Orientert"},
        ),
        "submit": lambda: client.post(f"{base}submit/"),
        "comment": lambda: client.post(
            f"{base}comment/", {"comment-kind": "comment", "comment-text": "Merknad"}
        ),
        "answer": lambda: (
            client.post(f"/review-comments/{comment.pk}/answer/", {"answer-answer": "Svar"})
            if comment
            else None
        ),
        "approve": lambda: client.post(f"{base}approve/"),
        "correct": lambda: client.post(f"{base}correct/"),
    }[action]()


def _minutes_api_call(client, action: str, minutes: Minutes, comment):
    base = f"/api/v1/minutes/{minutes.pk}/"
    item = minutes.meeting.agenda_items.order_by("number").first()
    return {
        "entry": lambda: client.post(
            f"{base}entries/",
            {"agenda_item": item.pk, "kind": "information", "text": "Orientert"},
            format="json",
        ),
        "submit": lambda: client.post(f"{base}submit/"),
        "comment": lambda: client.post(
            f"{base}comments/", {"kind": "comment", "text": "Merknad"}, format="json"
        ),
        "answer": lambda: client.post(
            f"{base}answer/", {"comment": comment.pk, "answer": "Svar"}, format="json"
        ),
        "approve": lambda: client.post(f"{base}approve/"),
        "correct": lambda: client.post(f"{base}correct/"),
    }[action]()


def _judge(role, allowed, response, changed, ok_codes, anonymous_denied) -> tuple:
    if role in allowed:
        ok = response.status_code in ok_codes and changed
    else:
        denied = anonymous_denied if role == "anonymous" else {403}
        ok = response.status_code in denied and not changed
    return role in allowed, response.status_code, ok


@pytest.mark.parametrize("role", ROLES)
def test_meeting_pages_permission_matrix(client_for, forum, role):
    client = client_for(role)
    results = {}
    for action in MEETING_ALLOWED:
        meeting = _new_meeting(forum)
        if action == "held":
            _past(meeting)
        if action == "start_minutes":
            _held(meeting)
        before = _meeting_state(meeting)
        response = _meeting_call(client, action, meeting)
        changed = _meeting_state(meeting) != before
        results[action] = _judge(role, MEETING_ALLOWED[action], response, changed, {302}, {302})
    assert not {action: result for action, result in results.items() if not result[2]}


# (call, codes of an allowed action, codes refusing an anonymous user) per channel
CHANNELS = {
    "pages": (_minutes_ui_call, {302}, {302}),
    "api": (_minutes_api_call, {200, 201}, {401}),
}


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("role", ROLES)
def test_minutes_permission_matrix(client_for, api_client_for, forum, role, channel):
    call, ok_codes, anonymous_denied = CHANNELS[channel]
    client = (client_for if channel == "pages" else api_client_for)(role)
    results = {}
    for action in MINUTES_ALLOWED:
        minutes, comment = _minutes(forum, STATE_FOR[action])
        before = _minutes_state()
        response = call(client, action, minutes, comment)
        changed = _minutes_state() != before
        allowed = MINUTES_ALLOWED[action]
        results[action] = _judge(role, allowed, response, changed, ok_codes, anonymous_denied)
    assert not {action: result for action, result in results.items() if not result[2]}
