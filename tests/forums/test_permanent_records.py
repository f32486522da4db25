"""Positions, delegations, minutes and proposals with their outcomes are never deleted.

Not through the ORM (object or queryset), not by a cascade, not in the admin and not in the
API. A withdrawn objection stays on record, marked, and no longer counts.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from forums.exceptions import WrongState
from forums.models import (
    Escalation,
    Minutes,
    MinutesEntry,
    Position,
    PositionChange,
    Proposal,
    ProposalVersion,
)
from forums.selectors.proposals import waiting_for_user
from forums.services.delegations import delegation_grant
from forums.services.minutes import minutes_approve, minutes_entry_delete
from forums.services.proposal_reminders import proposals_remind_missing
from forums.services.proposals import (
    objection_withdraw,
    position_record,
    proposal_close,
    proposal_escalate,
)
from portfolio.models import UserProfile
from portfolio.permanence import PermanentRecordError
from tests.forums.conftest import end_review, make_deadline_pass, ministry, user

pytestmark = pytest.mark.django_db


def _record(proposal, abbreviation, position, reason=""):
    return position_record(
        actor=user(f"leder-{abbreviation.lower()}"),
        proposal=proposal,
        ministry=ministry(abbreviation),
        position=position,
        reason=reason,
    )[0]


def _withdraw(proposal, abbreviation="FIN"):
    objection_withdraw(
        actor=user(f"leder-{abbreviation.lower()}"),
        proposal=proposal,
        ministry=ministry(abbreviation),
        explanation="Avklart i møte.",
    )


@pytest.fixture
def deputy(demo_users):
    person = get_user_model().objects.create_user("nestleder-fin")
    UserProfile.objects.create(user=person, ministry=ministry("FIN"))
    return person


@pytest.fixture
def delegation(deputy):
    today = timezone.localdate()
    return delegation_grant(
        actor=user("leder-fin"),
        ministry=ministry("FIN"),
        delegate=deputy,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
    )


@pytest.fixture
def approved_minutes(review_minutes):
    return minutes_approve(actor=user("leder-dfd"), minutes=end_review(review_minutes))


@pytest.fixture
def escalated(consultation):
    _record(consultation, "FIN", "object", "Uklart.")
    make_deadline_pass(consultation)
    proposal_close(actor=user("koordinator"), proposal=consultation)
    proposal_escalate(actor=user("koordinator"), proposal=consultation, level="political")
    return consultation


KEPT = {
    "position": lambda request: Position.objects.get(proposal=request.getfixturevalue("escalated")),
    "positionchange": lambda request: PositionChange.objects.filter(
        proposal=request.getfixturevalue("escalated")
    ).first(),
    "proposal": lambda request: request.getfixturevalue("escalated"),
    "proposalversion": lambda request: ProposalVersion.objects.get(
        proposal=request.getfixturevalue("escalated")
    ),
    "escalation": lambda request: Escalation.objects.get(
        proposal=request.getfixturevalue("escalated")
    ),
    "delegation": lambda request: request.getfixturevalue("delegation"),
    "minutes": lambda request: request.getfixturevalue("approved_minutes"),
    "minutesentry": lambda request: request.getfixturevalue("approved_minutes").entries.first(),
}


@pytest.fixture(params=sorted(KEPT))
def kept(request):
    return KEPT[request.param](request)


def _still_there(obj) -> bool:
    return type(obj)._base_manager.filter(pk=obj.pk).exists()


# The ORM ------------------------------------------------------------------------------------


def test_deleting_the_object_raises_and_keeps_the_row(kept):
    with pytest.raises(PermanentRecordError, match="never deleted"):
        kept.delete()
    assert _still_there(kept)


def test_deleting_through_a_queryset_raises_and_keeps_the_row(kept):
    with pytest.raises(PermanentRecordError, match="never deleted"):
        type(kept).objects.filter(pk=kept.pk).delete()
    assert _still_there(kept)


def test_deleting_through_a_related_manager_raises(escalated):
    with pytest.raises(PermanentRecordError):
        escalated.positions.all().delete()
    with pytest.raises(PermanentRecordError):
        ministry("FIN").delegations.all().delete()


def test_no_cascade_deletes_them(delegation, deputy, approved_minutes, held_meeting):
    with pytest.raises(ProtectedError):
        deputy.delete()  # the delegation points at its deputy
    with pytest.raises(ProtectedError):
        held_meeting.delete()  # the approved minutes point at their meeting
    assert _still_there(delegation) and _still_there(approved_minutes)


def test_entries_of_draft_minutes_can_still_be_removed(draft_minutes):
    entry = draft_minutes.entries.first()
    minutes_entry_delete(actor=user("sekretariat"), entry=entry)
    assert not MinutesEntry.objects.filter(pk=entry.pk).exists()


def test_a_revoked_delegation_is_marked_not_deleted(client_for, delegation):
    response = client_for("leder-fin").post(f"/saker/fullmakter/{delegation.pk}/tilbakekall/")
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None and delegation.revoked_by == user("leder-fin")


# The admin and the API ----------------------------------------------------------------------


def test_the_admin_refuses_to_delete_them(client_for, kept):
    client = client_for("admin")
    label = kept._meta.model_name
    response = client.post(f"/admin/forums/{label}/{kept.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    client.post(
        f"/admin/forums/{label}/",
        {"action": "delete_selected", "_selected_action": [kept.pk], "post": "yes"},
    )
    assert _still_there(kept)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/proposals/{proposal}/",
        "/api/v1/proposals/{proposal}/positions/FIN/",
        "/api/v1/minutes/{minutes}/",
    ],
)
def test_the_api_has_no_delete(api_client_for, escalated, approved_minutes, path):
    url = path.format(proposal=escalated.pk, minutes=approved_minutes.pk)
    for username in ("admin", "koordinator", "leder-fin", "sekretariat"):
        assert api_client_for(username).delete(url).status_code == 405, username
    assert Position.objects.filter(proposal=escalated).exists()
    assert _still_there(escalated) and _still_there(approved_minutes)


def test_the_api_has_no_delegation_route(api_client_for, delegation):
    assert api_client_for("admin").delete(f"/api/v1/delegations/{delegation.pk}/").status_code in (
        404,
        405,
    )
    assert _still_there(delegation)


# Withdrawing an objection -------------------------------------------------------------------


def test_a_withdrawn_objection_keeps_its_row_and_a_new_position_can_follow(consultation):
    objection = _record(consultation, "FIN", "object", "Uklart.")
    _withdraw(consultation)
    with pytest.raises(WrongState):
        _withdraw(consultation)  # nothing left to withdraw
    endorsement = _record(consultation, "FIN", "endorse")
    assert endorsement.pk != objection.pk
    objection.refresh_from_db()
    assert (objection.position, objection.reason) == ("object", "Uklart.")
    assert objection.withdrawn_by == user("leder-fin")
    # Object and withdraw again: every withdrawn objection stays, one position is current.
    _record(consultation, "FIN", "object", "Likevel uklart.")
    _withdraw(consultation)
    rows = Position.objects.filter(proposal=consultation, ministry=ministry("FIN"))
    assert rows.count() == 2
    assert list(rows.current().values_list("position", flat=True)) == []


def test_a_withdrawn_objection_counts_as_no_position_in_the_outcome(consultation):
    for participant in consultation.participants.exclude(abbreviation="FIN"):
        _record(consultation, participant.abbreviation, "endorse")
    _record(consultation, "FIN", "object", "Uklart.")
    _withdraw(consultation)
    with pytest.raises(WrongState):  # FIN has not answered any more
        proposal_close(actor=user("koordinator"), proposal=consultation)
    make_deadline_pass(consultation)
    closed = proposal_close(actor=user("koordinator"), proposal=consultation)
    assert (closed.status, closed.objecting, closed.missing) == ("not_endorsed", [], ["FIN"])


def test_a_new_position_after_withdrawal_counts(consultation):
    for participant in consultation.participants.exclude(abbreviation="FIN"):
        _record(consultation, participant.abbreviation, "endorse")
    _record(consultation, "FIN", "object", "Uklart.")
    _withdraw(consultation)
    _record(consultation, "FIN", "stand_aside")
    closed = proposal_close(actor=user("koordinator"), proposal=consultation)
    assert (closed.status, closed.objecting, closed.missing) == ("endorsed", [], [])


def test_silent_consent_counts_a_withdrawn_objection_as_standing_aside(silent_consultation):
    _record(silent_consultation, "FIN", "object", "Uklart.")
    _withdraw(silent_consultation)
    make_deadline_pass(silent_consultation)
    closed = proposal_close(actor=user("koordinator"), proposal=silent_consultation)
    assert closed.status == "endorsed" and "FIN" in closed.silent


def test_after_withdrawal_the_ministry_is_waited_for_and_reminded(consultation, api_client_for):
    _record(consultation, "FIN", "object", "Uklart.")
    assert consultation.pk not in {item.proposal.pk for item in waiting_for_user(user("leder-fin"))}
    _withdraw(consultation)
    assert consultation.pk in {item.proposal.pk for item in waiting_for_user(user("leder-fin"))}
    body = api_client_for("leder-fin").get(f"/api/v1/proposals/{consultation.pk}/").json()
    fin = next(row for row in body["positions"] if row["ministry"] == "FIN")
    assert fin["position"] is None
    Proposal.objects.filter(pk=consultation.pk).update(
        deadline=timezone.now() + datetime.timedelta(days=1)
    )
    assert proposals_remind_missing() > 0


def test_the_database_allows_one_current_position_and_only_objections_withdrawn(consultation):
    objection = _record(consultation, "FIN", "object", "Uklart.")
    values = {
        "proposal": consultation,
        "version": consultation.version,
        "ministry": ministry("FIN"),
        "recorded_by": user("leder-fin"),
        "recorded_at": timezone.now(),
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(position="endorse", **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=objection.pk).update(
            position="endorse", withdrawn_at=timezone.now(), withdrawn_by=user("leder-fin")
        )
    _withdraw(consultation)
    Position.objects.create(position="endorse", **values)  # a new current one is fine


def test_minutes_are_kept_even_before_approval(draft_minutes):
    with pytest.raises(PermanentRecordError):
        Minutes.objects.filter(pk=draft_minutes.pk).delete()
    assert Minutes.objects.filter(pk=draft_minutes.pk).exists()
