"""The API of starting minutes and of editing and removing their entries: the same services,
rules and errors as the minutes page."""

import datetime

import pytest

from forums.models import FollowUpAction, Meeting, Minutes, MinutesEntry
from forums.services.minutes import minutes_approve, minutes_comment_answer
from portfolio.models import AuditEvent
from tests.forums.conftest import end_review, ministry, user

pytestmark = pytest.mark.django_db

URL = "/api/v1/minutes/"
REFUSED = [
    ("anonymous", 401),
    ("koordinator", 403),
    ("observator", 403),
    ("leder-fin", 403),
    ("leder-dfd", 403),  # the chair approves the minutes but does not write them
    ("admin", 403),  # the secretariat alone writes minutes, as in the pages
]


def _entries() -> list:
    return list(MinutesEntry.objects.order_by("pk").values_list("pk", "text", "due_date"))


@pytest.mark.parametrize(("username", "expected"), [*REFUSED, ("sekretariat", 201)])
def test_only_the_secretariat_starts_the_minutes(api_client_for, held_meeting, username, expected):
    response = api_client_for(username).post(URL, {"meeting": held_meeting.pk}, format="json")
    assert response.status_code == expected
    created = Minutes.objects.filter(meeting=held_meeting)
    assert created.count() == (expected == 201)
    if expected == 201:
        body = response.json()
        assert (body["meeting"], body["version"], body["status"], body["entries"]) == (
            held_meeting.pk,
            1,
            "draft",
            [],
        )
        assert AuditEvent.objects.filter(kind="minutes.created").count() == 1


def test_minutes_are_started_once_and_never_for_a_cancelled_meeting(
    api_client_for, draft_minutes, meetings_2027
):
    client = api_client_for("sekretariat")
    again = client.post(URL, {"meeting": draft_minutes.meeting_id}, format="json")
    assert again.status_code == 409
    cancelled = meetings_2027[2]
    Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
    answers = {
        language: client.post(
            URL, {"meeting": cancelled.pk}, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
        for language in ("nb", "en")
    }
    assert answers["en"].status_code == 409
    assert answers["nb"].json() != answers["en"].json()
    unknown = client.post(URL, {"meeting": 987654}, format="json")
    assert unknown.status_code == 400 and list(unknown.json()) == ["meeting"]
    assert Minutes.objects.count() == 1


def _entry_url(minutes: Minutes, entry: MinutesEntry) -> str:
    return f"{URL}{minutes.pk}/entries/{entry.pk}/"


def _follow_up(minutes: Minutes) -> MinutesEntry:
    return minutes.entries.get(kind=MinutesEntry.Kind.FOLLOW_UP)


@pytest.mark.parametrize(("username", "expected"), [*REFUSED, ("sekretariat", 200)])
def test_only_the_secretariat_edits_an_entry(api_client_for, draft_minutes, username, expected):
    entry = _follow_up(draft_minutes)
    before = _entries()
    response = api_client_for(username).patch(
        _entry_url(draft_minutes, entry), {"text": "Oppdatere alle rapportene."}, format="json"
    )
    assert response.status_code == expected
    if expected != 200:
        assert _entries() == before
        return
    entry.refresh_from_db()
    # What was left out stays: a follow-up keeps its owner and due date.
    assert (entry.text, entry.owner_ministry, entry.due_date) == (
        "Oppdatere alle rapportene.",
        ministry("FIN"),
        datetime.date(2027, 3, 1),
    )
    texts = [row["text"] for row in response.json()["entries"]]
    assert "Oppdatere alle rapportene." in texts
    assert AuditEvent.objects.filter(kind="minutes.entry_edited").exists()


def test_editing_a_follow_up_in_review_moves_its_open_action(api_client_for, review_minutes):
    entry = _follow_up(review_minutes)
    response = api_client_for("sekretariat").patch(
        _entry_url(review_minutes, entry),
        {"owner_ministry": "KDD", "due_date": "2027-04-01"},
        format="json",
    )
    assert response.status_code == 200, response.content
    action = FollowUpAction.objects.get(minutes_entry=entry)
    assert (action.owner_ministry.abbreviation, action.due_date) == (
        "KDD",
        datetime.date(2027, 4, 1),
    )


def test_a_follow_up_keeps_its_owner_and_the_errors_are_translated(api_client_for, draft_minutes):
    entry = _follow_up(draft_minutes)
    before = _entries()
    answers = {
        language: api_client_for("sekretariat").patch(
            _entry_url(draft_minutes, entry),
            {"owner_ministry": None, "text": "  "},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        for language in ("nb", "en")
    }
    assert answers["en"].status_code == 400
    assert set(answers["en"].json()) == {"text"}  # the text is checked first, like the page
    assert answers["nb"].json() != answers["en"].json()
    without_owner = api_client_for("sekretariat").patch(
        _entry_url(draft_minutes, entry), {"owner_ministry": None}, format="json"
    )
    assert without_owner.status_code == 400
    assert set(without_owner.json()) == {"owner_ministry"}
    assert _entries() == before


@pytest.mark.parametrize(("username", "expected"), [*REFUSED, ("sekretariat", 200)])
def test_only_the_secretariat_removes_an_entry(api_client_for, draft_minutes, username, expected):
    entry = draft_minutes.entries.order_by("pk").first()
    before = _entries()
    response = api_client_for(username).delete(_entry_url(draft_minutes, entry))
    assert response.status_code == expected
    if expected != 200:
        assert _entries() == before
        return
    assert not MinutesEntry.objects.filter(pk=entry.pk).exists()
    assert entry.pk not in [row["id"] for row in response.json()["entries"]]
    assert AuditEvent.objects.filter(kind="minutes.entry_deleted").exists()


def test_entries_of_approved_minutes_are_not_changed(api_client_for, review_minutes):
    for comment in review_minutes.comments.all():
        minutes_comment_answer(actor=user("sekretariat"), comment=comment, answer="Ok")
    end_review(review_minutes)
    approved = minutes_approve(actor=user("leder-dfd"), minutes=review_minutes)
    entry = approved.entries.order_by("pk").first()
    before = _entries()
    client = api_client_for("sekretariat")
    edit = client.patch(_entry_url(approved, entry), {"text": "Endret"}, format="json")
    remove = client.delete(_entry_url(approved, entry))
    assert (edit.status_code, remove.status_code) == (409, 409)
    assert set(edit.json()) == set(remove.json()) == {"detail"}
    assert _entries() == before


def test_an_entry_of_other_minutes_is_not_found(api_client_for, draft_minutes, meetings_2027):
    entry = draft_minutes.entries.order_by("pk").first()
    other = Minutes.objects.create(meeting=meetings_2027[1], version=1)
    before = _entries()
    client = api_client_for("sekretariat")
    assert client.patch(_entry_url(other, entry), {"text": "x"}, format="json").status_code == 404
    assert client.delete(_entry_url(other, entry)).status_code == 404
    assert client.delete(f"{URL}{draft_minutes.pk}/entries/987654/").status_code == 404
    assert _entries() == before
