"""The minutes workflow and who may do what, through the services and the API."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forums.exceptions import WrongState
from forums.models import Meeting, Minutes, MinutesEntry, ReviewComment
from forums.services.minutes import (
    minutes_approve,
    minutes_comment,
    minutes_comment_answer,
    minutes_correct,
    minutes_entry_add,
)
from portfolio.models import AuditEvent
from tests.forums.conftest import end_review, user

pytestmark = pytest.mark.django_db


def _approve(minutes):
    comment = minutes_comment(actor=user("leder-fin"), minutes=minutes, text="Ok.")
    minutes_comment_answer(actor=user("sekretariat"), comment=comment, answer="Takk.")
    return minutes_approve(actor=user("leder-dfd"), minutes=end_review(minutes))


def test_the_whole_workflow_ends_frozen_with_a_checksum(review_minutes, held_meeting):
    minutes = _approve(review_minutes)
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_by.username == "leder-dfd"
    content = minutes.pdf.read()
    assert hashlib.sha256(content).hexdigest() == minutes.pdf_sha256
    held_meeting.refresh_from_db()
    assert held_meeting.status == Meeting.Status.MINUTES_APPROVED
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"minutes.created", "minutes.submitted", "minutes.approved"} <= kinds


def test_only_the_secretariat_edits_minutes(draft_minutes, held_meeting):
    item = held_meeting.agenda_items.first()
    for username in ["leder-fin", "koordinator", "observator", "leder-dfd"]:
        with pytest.raises(PermissionDenied):
            minutes_entry_add(
                actor=user(username),
                minutes=draft_minutes,
                agenda_item=item,
                kind="information",
                text="x",
            )
    minutes_entry_add(
        actor=user("sekretariat"),
        minutes=draft_minutes,
        agenda_item=item,
        kind="information",
        text="x",
    )
    assert draft_minutes.entries.count() == 3


def test_a_seat_comments_only_for_its_own_ministry(review_minutes):
    comment = minutes_comment(
        actor=user("leder-fin"), minutes=review_minutes, text="Presiser punkt 2."
    )
    assert comment.ministry.abbreviation == "FIN"
    for username in ["sekretariat", "koordinator", "observator"]:
        with pytest.raises(PermissionDenied):
            minutes_comment(actor=user(username), minutes=review_minutes, text="Nei")
    assert ReviewComment.objects.count() == 1


def test_comments_need_the_review_state(draft_minutes):
    with pytest.raises(WrongState):
        minutes_comment(actor=user("leder-fin"), minutes=draft_minutes, text="For tidlig")


def test_approval_waits_for_the_review_period_and_answers(review_minutes):
    chair = user("leder-dfd")
    with pytest.raises(WrongState, match="Justeringsperioden"):
        minutes_approve(actor=chair, minutes=review_minutes)
    minutes_comment(
        actor=user("leder-kdd"), minutes=review_minutes, text="Endre", kind="change_request"
    )
    with pytest.raises(WrongState):
        minutes_approve(actor=chair, minutes=end_review(review_minutes))


def test_only_the_chair_approves(review_minutes):
    end_review(review_minutes)
    for username in ["sekretariat", "leder-fin", "koordinator"]:
        with pytest.raises(PermissionDenied):
            minutes_approve(actor=user(username), minutes=review_minutes)
    assert minutes_approve(actor=user("leder-dfd"), minutes=review_minutes).is_frozen


def test_approved_minutes_reject_edits_and_a_correction_is_a_new_version(
    review_minutes, held_meeting
):
    minutes = _approve(review_minutes)
    secretariat = user("sekretariat")
    with pytest.raises(WrongState):
        minutes_entry_add(
            actor=secretariat,
            minutes=minutes,
            agenda_item=held_meeting.agenda_items.first(),
            kind="information",
            text="Etterpå",
        )
    correction = minutes_correct(actor=secretariat, minutes=minutes)
    assert (correction.version, correction.corrects_id, correction.status) == (
        2,
        minutes.pk,
        "draft",
    )
    assert correction.entries.count() == minutes.entries.count() == 2
    with pytest.raises(WrongState):
        minutes_correct(actor=secretariat, minutes=minutes)


def test_follow_up_needs_owner_and_due_date_and_nul_is_refused(draft_minutes, held_meeting):
    item = held_meeting.agenda_items.first()
    with pytest.raises(ValidationError) as error:
        minutes_entry_add(
            actor=user("sekretariat"),
            minutes=draft_minutes,
            agenda_item=item,
            kind="follow_up_action",
            text="Gjør",
        )
    assert set(error.value.message_dict) == {"owner_ministry", "due_date"}
    with pytest.raises(ValidationError):
        minutes_entry_add(
            actor=user("sekretariat"),
            minutes=draft_minutes,
            agenda_item=item,
            kind="conclusion",
            text="a\x00b",
        )
    assert MinutesEntry.objects.count() == 2


# API: the same rules, deny and allow.


def test_api_meetings_by_forum_and_year(
    api_client_for, meetings_2027, django_assert_max_num_queries
):
    client = api_client_for("observator")
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/meetings/", {"forum": "strategisk-forum", "year": 2027})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [row["id"] for row in results] == [m.pk for m in meetings_2027]
    assert {"id", "starts_at", "status"} <= set(results[0])
    assert (
        client.get("/api/v1/meetings/", {"forum": "strategisk-forum", "year": 2031}).json()[
            "results"
        ]
        == []
    )
    assert api_client_for("anonymous").get("/api/v1/meetings/").status_code in (401, 403)


def test_api_only_secretariat_adds_entries(api_client_for, draft_minutes, held_meeting):
    item = held_meeting.agenda_items.first()
    url = f"/api/v1/minutes/{draft_minutes.pk}/entries/"
    body = {"agenda_item": item.pk, "kind": "recommendation", "text": "Anbefaling"}
    assert api_client_for("leder-fin").post(url, body, format="json").status_code == 403
    response = api_client_for("sekretariat").post(url, body, format="json")
    assert response.status_code == 201
    assert len(response.json()["entries"]) == 3
    bad = api_client_for("sekretariat").post(
        url, {**body, "kind": "follow_up_action"}, format="json"
    )
    assert bad.status_code == 400
    assert "owner_ministry" in bad.json()


def test_api_only_a_seat_comments(api_client_for, review_minutes):
    url = f"/api/v1/minutes/{review_minutes.pk}/comments/"
    assert api_client_for("sekretariat").post(url, {"text": "x"}, format="json").status_code == 403
    assert api_client_for("observator").post(url, {"text": "x"}, format="json").status_code == 403
    response = api_client_for("leder-fin").post(url, {"text": "Merknad"}, format="json")
    assert response.status_code == 201
    assert response.json()["comments"][0]["ministry"] == "FIN"


def test_api_review_answer_approve_and_frozen(api_client_for, review_minutes, held_meeting):
    base = f"/api/v1/minutes/{review_minutes.pk}"
    comment = api_client_for("leder-fin").post(f"{base}/comments/", {"text": "Hm"}, format="json")
    comment_id = comment.json()["comments"][0]["id"]
    answer = {"comment": comment_id, "answer": "Rettet."}
    assert (
        api_client_for("leder-fin").post(f"{base}/answer/", answer, format="json").status_code
        == 403
    )
    assert (
        api_client_for("sekretariat").post(f"{base}/answer/", answer, format="json").status_code
        == 200
    )
    assert api_client_for("leder-dfd").post(f"{base}/approve/").status_code == 409  # review period
    end_review(review_minutes)
    assert api_client_for("leder-fin").post(f"{base}/approve/").status_code == 403
    approved = api_client_for("leder-dfd").post(f"{base}/approve/")
    assert approved.status_code == 200
    assert len(approved.json()["pdf_sha256"]) == 64
    item = held_meeting.agenda_items.first()
    body = {"agenda_item": item.pk, "kind": "information", "text": "Etterpå"}
    assert (
        api_client_for("sekretariat").post(f"{base}/entries/", body, format="json").status_code
        == 409
    )
    corrected = api_client_for("sekretariat").post(f"{base}/correct/")
    assert (corrected.status_code, corrected.json()["version"]) == (201, 2)


def test_api_refuses_nul_and_overlong_text_and_writes_nothing(api_client_for, review_minutes):
    url = f"/api/v1/minutes/{review_minutes.pk}/comments/"
    client = api_client_for("leder-fin")
    nul = client.post(url, {"text": "a\x00b"}, format="json")
    assert nul.status_code == 400 and "text" in nul.json()
    long = client.post(url, {"text": "x" * 5001}, format="json")
    assert long.status_code == 400 and "text" in long.json()
    assert not ReviewComment.objects.exists()


def test_api_minutes_list_and_unknown_minutes(api_client_for, review_minutes):
    client = api_client_for("observator")
    results = client.get("/api/v1/minutes/", {"meeting": review_minutes.meeting_id}).json()[
        "results"
    ]
    assert [row["status"] for row in results] == ["review"]
    assert client.get("/api/v1/minutes/999999/").status_code == 404
    assert client.post("/api/v1/minutes/999999/approve/").status_code == 404
