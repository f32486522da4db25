"""Justering: each attending ministry answers for itself; the outcome is derived, never typed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forums.models import Minutes, MinutesApproval, ReviewComment
from forums.services.approvals import minutes_approval_record
from forums.services.meetings import attendance_set
from forums.services.minutes import minutes_comment_answer, minutes_submit
from forums.tasks.minutes_review import minutes_approval_remind, minutes_conclude_due
from portfolio.models import AuditEvent, Notification
from tests.forums.conftest import end_review, ministry, user

pytestmark = pytest.mark.django_db
ATTENDING = ("FIN", "KDD", "DFD")


@pytest.fixture
def in_review(draft_minutes, held_meeting) -> Minutes:
    secretariat = user("sekretariat")
    for abbreviation in ATTENDING:
        attendance_set(
            actor=secretariat,
            meeting=held_meeting,
            ministry=ministry(abbreviation),
            status="present",
        )
    return minutes_submit(actor=secretariat, minutes=draft_minutes)


def _answer(who: str, abbreviation: str, minutes, decision="approve", comment=""):
    return minutes_approval_record(
        actor=user(who),
        minutes=minutes,
        ministry=ministry(abbreviation),
        decision=decision,
        comment=comment,
    )


def _state(minutes) -> tuple:
    minutes.refresh_from_db()
    return (
        minutes.status,
        list(minutes.approvals.order_by("pk").values_list("decision", "comment")),
        ReviewComment.objects.count(),
    )


def test_sending_for_review_opens_one_answer_per_attending_ministry(in_review):
    assert sorted(a.ministry.abbreviation for a in in_review.approvals.all()) == sorted(ATTENDING)
    assert all(a.decision is None for a in in_review.approvals.all())


def test_approved_when_every_attending_ministry_has_approved(in_review):
    _answer("leder-fin", "FIN", in_review)
    _answer("leder-kdd", "KDD", in_review)
    in_review.refresh_from_db()
    assert in_review.status == "review"
    _answer("leder-dfd", "DFD", in_review)
    in_review.refresh_from_db()
    assert in_review.status == "approved"
    assert len(in_review.pdf_sha256) == 64


def test_a_change_request_needs_a_comment_and_tells_the_secretariat(in_review):
    before = _state(in_review)
    with pytest.raises(ValidationError) as refused:
        _answer("leder-fin", "FIN", in_review, decision="request_changes", comment="  ")
    assert "comment" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _answer("leder-fin", "FIN", in_review, decision="maybe")
    assert _state(in_review) == before
    _answer("leder-fin", "FIN", in_review, decision="request_changes", comment="Punkt 2 er feil.")
    request = ReviewComment.objects.get(kind="change_request")
    assert request.text == "Punkt 2 er feil."
    told = Notification.objects.filter(key__contains="change-request")
    assert set(told.values_list("recipient__username", flat=True)) == {"sekretariat"}


def test_a_ministry_answers_only_for_its_own_seat(in_review):
    before = _state(in_review)
    for who, abbreviation in [
        ("leder-kdd", "FIN"),
        ("sekretariat", "FIN"),
        ("koordinator", "KDD"),
        ("observator", "DFD"),
    ]:
        with pytest.raises(PermissionDenied):
            _answer(who, abbreviation, in_review)
    assert _state(in_review) == before
    assert not AuditEvent.objects.filter(kind="minutes.approval_recorded").exists()


def test_answers_are_taken_only_in_review(draft_minutes, held_meeting):
    attendance_set(
        actor=user("sekretariat"), meeting=held_meeting, ministry=ministry("FIN"), status="present"
    )
    with pytest.raises(PermissionDenied):  # no answer is open for a draft
        _answer("leder-fin", "FIN", draft_minutes)


def test_after_the_deadline_silence_approves_unless_a_change_request_is_unanswered(in_review):
    _answer("leder-kdd", "KDD", in_review, decision="request_changes", comment="Endre punkt 1.")
    end_review(in_review)
    assert minutes_conclude_due() == 0
    assert Minutes.objects.get(pk=in_review.pk).status == "review"
    minutes_comment_answer(
        actor=user("sekretariat"),
        comment=ReviewComment.objects.get(),
        answer="Teksten er rettet.",
        resolution="accepted",
    )
    assert minutes_conclude_due() == 1
    assert minutes_conclude_due() == 0  # idempotent
    approvals = {a.ministry.abbreviation: a for a in in_review.approvals.select_related("minutes")}
    from forums.services.outcome import by_silence

    assert by_silence(approvals["FIN"]) is True
    assert by_silence(approvals["KDD"]) is False
    assert Minutes.objects.get(pk=in_review.pk).status == "approved"


def test_a_change_request_answer_needs_a_resolution(in_review):
    _answer("leder-kdd", "KDD", in_review, decision="request_changes", comment="Endre punkt 1.")
    with pytest.raises(ValidationError):
        minutes_comment_answer(
            actor=user("sekretariat"), comment=ReviewComment.objects.get(), answer="Nei."
        )
    assert ReviewComment.objects.get().answered_at is None


def test_unanswered_ministries_are_reminded_once_two_days_before(in_review):
    in_review.review_ends_on = timezone.localdate() + datetime.timedelta(days=2)
    in_review.save(update_fields=["review_ends_on"])
    _answer("leder-fin", "FIN", in_review)
    assert minutes_approval_remind() == 2
    assert minutes_approval_remind() == 0
    reminded = Notification.objects.filter(key__contains="approval-reminder")
    assert set(reminded.values_list("recipient__username", flat=True)) == {
        "leder-kdd",
        "leder-dfd",
    }


# --- API ---------------------------------------------------------------------------------


def _put(api_client_for, who, minutes, abbreviation, body):
    return api_client_for(who).put(
        f"/api/v1/minutes/{minutes.pk}/approvals/{abbreviation}/", body, format="json"
    )


def test_api_lists_approvals_and_the_derived_status(in_review, api_client_for):
    response = _put(api_client_for, "leder-fin", in_review, "FIN", {"decision": "approve"})
    assert response.status_code == 200, response.content
    body = api_client_for("observator").get(f"/api/v1/minutes/{in_review.pk}/").json()
    assert body["status"] == "review"
    rows = {row["ministry"]: row for row in body["approvals"]}
    assert set(rows) == set(ATTENDING)
    assert rows["FIN"]["decision"] == "approve"
    assert rows["FIN"]["decided_at"]
    assert rows["KDD"]["decision"] is None
    assert rows["KDD"]["by_silence"] is False
    end_review(in_review)
    body = api_client_for("observator").get(f"/api/v1/minutes/{in_review.pk}/").json()
    assert body["status"] == "approved"
    assert {row["ministry"]: row["by_silence"] for row in body["approvals"]} == {
        "FIN": False,
        "KDD": True,
        "DFD": True,
    }


@pytest.mark.parametrize(
    ("who", "abbreviation", "body", "code"),
    [
        ("leder-kdd", "FIN", {"decision": "approve"}, 403),
        ("sekretariat", "FIN", {"decision": "approve"}, 403),
        ("koordinator", "KDD", {"decision": "approve"}, 403),
        ("leder-fin", "FIN", {"decision": "request_changes"}, 400),
        ("leder-fin", "FIN", {"decision": "request_changes", "comment": " "}, 400),
        ("leder-fin", "FIN", {"decision": "perhaps"}, 400),
        ("leder-fin", "FIN", {}, 400),
        ("leder-fin", "NOPE", {"decision": "approve"}, 404),
    ],
)
def test_api_refusals_change_nothing(in_review, api_client_for, who, abbreviation, body, code):
    before = _state(in_review)
    response = _put(api_client_for, who, in_review, abbreviation, body)
    assert response.status_code == code, response.content
    assert _state(in_review) == before


def test_api_answers_only_in_review(in_review, api_client_for):
    for who, abbreviation in (("leder-fin", "FIN"), ("leder-kdd", "KDD"), ("leder-dfd", "DFD")):
        assert (
            _put(api_client_for, who, in_review, abbreviation, {"decision": "approve"}).status_code
            == 200
        )
    in_review.refresh_from_db()
    assert in_review.status == "approved"
    response = _put(
        api_client_for,
        "leder-fin",
        in_review,
        "FIN",
        {"decision": "request_changes", "comment": "x"},
    )
    assert response.status_code == 409
    assert (
        MinutesApproval.objects.get(minutes=in_review, ministry__abbreviation="FIN").decision
        == "approve"
    )


# --- Pages -------------------------------------------------------------------------------


def test_the_minutes_page_offers_the_answer_only_to_an_attending_seat(
    in_review, client_for, held_meeting
):
    page = f"/meetings/{held_meeting.pk}/minutes/"
    assert client_for("leder-fin").get(page).context["approval_form"] is not None
    for who in ("sekretariat", "koordinator", "observator"):
        assert client_for(who).get(page).context["approval_form"] is None, who


def test_answering_in_the_page(in_review, client_for):
    url = f"/minutes/{in_review.pk}/approval/"
    before = _state(in_review)
    assert client_for("koordinator").post(url, {"approval-decision": "approve"}).status_code == 403
    assert client_for("sekretariat").post(url, {"approval-decision": "approve"}).status_code == 403
    refused = client_for("leder-fin").post(url, {"approval-decision": "request_changes"})
    assert refused.status_code == 400
    assert _state(in_review) == before
    done = client_for("leder-fin").post(
        url, {"approval-decision": "request_changes", "approval-comment": "Presiser punkt 2."}
    )
    assert done.status_code == 302
    approval = in_review.approvals.get(ministry__abbreviation="FIN")
    assert (approval.decision, approval.comment) == ("request_changes", "Presiser punkt 2.")


# --- Editing entries ---------------------------------------------------------------------


def test_the_secretariat_edits_an_entry_in_review_and_the_action_follows(in_review, client_for):
    from forums.models import FollowUpAction

    entry = in_review.entries.get(kind="follow_up_action")
    url = f"/minutes-entries/{entry.pk}/edit/"
    body = {
        "edit-text": "Oppdatere rapporten innen mars.",
        "edit-owner_ministry": ministry("KDD").pk,
        "edit-due_date": "2027-03-15",
    }
    for who in ("leder-fin", "koordinator", "leder-dfd"):
        assert client_for(who).post(url, body).status_code == 403
    entry.refresh_from_db()
    assert entry.text == "Oppdatere statusrapporten for tiltakene."
    assert client_for("sekretariat").post(url, body).status_code == 302
    entry.refresh_from_db()
    assert (entry.text, entry.owner_ministry.abbreviation) == (body["edit-text"], "KDD")
    assert entry.history.count() == 2  # the earlier text is kept
    action = FollowUpAction.objects.get(minutes_entry=entry)
    assert (action.text, action.owner_ministry.abbreviation) == (body["edit-text"], "KDD")


def test_entries_of_approved_minutes_cannot_be_edited(in_review, client_for):
    for who, abbreviation in (("leder-fin", "FIN"), ("leder-kdd", "KDD"), ("leder-dfd", "DFD")):
        _answer(who, abbreviation, in_review)
    entry = in_review.entries.get(kind="conclusion")
    response = client_for("sekretariat").post(
        f"/minutes-entries/{entry.pk}/edit/", {"edit-text": "Ny tekst."}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text != "Ny tekst."


def test_a_follow_up_is_owed_only_by_a_ministry_existing_on_the_meeting_day(
    in_review, client_for, api_client_for
):
    from forums.models import FollowUpAction

    entry = in_review.entries.get(kind="follow_up_action")
    page = client_for("sekretariat").get(f"/meetings/{in_review.meeting_id}/minutes/")
    offered = {ministry.abbreviation for ministry in page.context["owner_choices"]}
    assert "FIN" in offered and not offered & {"KMD", "ASD", "DSS"}
    response = client_for("sekretariat").post(
        f"/minutes-entries/{entry.pk}/edit/",
        {"edit-text": "Ny tekst.", "edit-owner_ministry": ministry("KMD").pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "KMD was not a ministry on the day of the meeting" in response.content.decode()
    item = in_review.meeting.agenda_items.order_by("number").first()
    refused = api_client_for("sekretariat").post(
        f"/api/v1/minutes/{in_review.pk}/entries/",
        {
            "agenda_item": item.pk,
            "kind": "follow_up_action",
            "text": "Nytt punkt.",
            "owner_ministry": "KMD",
            "due_date": "2027-03-01",
        },
        format="json",
    )
    assert refused.status_code == 400
    assert "owner_ministry" in refused.json()
    entry.refresh_from_db()
    action = FollowUpAction.objects.get(minutes_entry=entry)
    assert entry.owner_ministry.abbreviation == action.owner_ministry.abbreviation == "FIN"
    assert in_review.entries.count() == 2
