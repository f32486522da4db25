"""Outcome rule, silent consent, revision reset, immutability, numbering, task idempotency."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums.exceptions import WrongState
from forums.models import Escalation, Position, PositionChange, Proposal
from forums.services.proposals import (
    advice_add,
    objection_withdraw,
    position_record,
    proposal_close,
    proposal_create,
    proposal_escalate,
    proposal_open,
    proposal_revise,
    proposal_withdraw,
)
from forums.tasks.proposals import close_due_proposals
from measures.models import CoreGroup
from portfolio.models import AuditEvent, Notification
from tests.forums.conftest import make_deadline_pass, ministry, user

pytestmark = pytest.mark.django_db


def _everyone(proposal, position="endorse", reason="", skip=()):
    for participant in proposal.participants.all():
        if participant.abbreviation in skip:
            continue
        position_record(
            actor=user(f"leder-{participant.abbreviation.lower()}"),
            proposal=proposal,
            ministry=participant,
            position=position,
            reason=reason,
        )


def test_register_numbers_count_per_forum_and_year(draft, demo_users):
    second = proposal_create(
        actor=user("koordinator"),
        title="To",
        text="Tekst",
        deadline=timezone.now() + datetime.timedelta(days=1),
    )
    year = timezone.localdate().year
    assert draft.register_number == f"SF {year}/01"
    assert second.register_number == f"SF {year}/02"


def test_opening_stores_the_seventeen_seated_ministries(consultation):
    participants = set(consultation.participants.values_list("abbreviation", flat=True))
    assert len(participants) == 17
    assert "SMK" in participants and "DSS" not in participants
    assert consultation.status == Proposal.Status.CONSULTATION


def test_opening_notifies_every_admin_head_once(draft):
    proposal_open(actor=user("koordinator"), proposal=draft)
    assert Notification.objects.filter(key=f"proposal:{draft.pk}:v1:opened").count() == 17


def test_all_endorse_or_stand_aside_gives_endorsed(consultation):
    _everyone(consultation, skip={"FIN"})
    position_record(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=ministry("FIN"),
        position="stand_aside",
    )
    closed = proposal_close(actor=user("koordinator"), proposal=consultation)
    assert (closed.status, closed.objecting, closed.missing) == ("endorsed", [], [])


def test_one_objection_gives_not_endorsed_with_the_objector_listed(consultation):
    _everyone(consultation, skip={"FIN"})
    position_record(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=ministry("FIN"),
        position="object",
        reason="Kostnadene er ikke avklart.",
    )
    closed = proposal_close(actor=user("koordinator"), proposal=consultation)
    assert (closed.status, closed.objecting, closed.missing) == ("not_endorsed", ["FIN"], [])


def test_a_missing_position_at_the_deadline_gives_not_endorsed(consultation):
    _everyone(consultation, skip={"FIN", "KDD"})
    with pytest.raises(WrongState):
        proposal_close(actor=user("koordinator"), proposal=consultation)  # Not due, not complete.
    make_deadline_pass(consultation)
    closed = proposal_close(actor=user("koordinator"), proposal=consultation)
    assert (closed.status, closed.missing, closed.silent) == ("not_endorsed", ["FIN", "KDD"], [])


def test_silent_consent_counts_missing_ministries_as_standing_aside(silent_consultation):
    _everyone(silent_consultation, skip={"FIN", "KDD"})
    make_deadline_pass(silent_consultation)
    closed = proposal_close(actor=user("koordinator"), proposal=silent_consultation)
    assert (closed.status, closed.missing, closed.silent) == ("endorsed", [], ["FIN", "KDD"])
    event = AuditEvent.objects.get(kind="proposal.closed", target_id=str(closed.pk))
    assert event.after["silent_consent_stand_aside"] == ["FIN", "KDD"]


def test_silent_consent_does_not_outweigh_an_objection(silent_consultation):
    position_record(
        actor=user("leder-fin"),
        proposal=silent_consultation,
        ministry=ministry("FIN"),
        position="object",
        reason="Nei.",
    )
    make_deadline_pass(silent_consultation)
    closed = proposal_close(actor=user("koordinator"), proposal=silent_consultation)
    assert closed.status == "not_endorsed" and closed.objecting == ["FIN"]
    assert len(closed.silent) == 16


def test_changing_a_position_keeps_one_current_and_the_full_history(consultation):
    fin = ministry("FIN")
    for position, reason in [("object", "Uklart."), ("stand_aside", ""), ("endorse", "")]:
        position_record(
            actor=user("leder-fin"),
            proposal=consultation,
            ministry=fin,
            position=position,
            reason=reason,
        )
    assert Position.objects.get(proposal=consultation, ministry=fin).position == "endorse"
    history = PositionChange.objects.filter(proposal=consultation, ministry=fin)
    assert [change.position for change in history] == ["object", "stand_aside", "endorse"]
    assert {change.recorded_by.username for change in history} == {"leder-fin"}


def test_an_objection_needs_a_reason_and_bad_input_writes_nothing(consultation):
    fin = ministry("FIN")
    for position, reason in [
        ("object", "  "),
        ("maybe", ""),
        ("endorse", "a\x00b"),
        ("endorse", "x" * 4001),
    ]:
        with pytest.raises(ValidationError):
            position_record(
                actor=user("leder-fin"),
                proposal=consultation,
                ministry=fin,
                position=position,
                reason=reason,
            )
    assert not PositionChange.objects.filter(proposal=consultation).exists()


def test_the_objecting_ministry_may_withdraw_its_objection(consultation):
    fin = ministry("FIN")
    position_record(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=fin,
        position="object",
        reason="Uklart.",
    )
    with pytest.raises(PermissionDenied):
        objection_withdraw(
            actor=user("koordinator"), proposal=consultation, ministry=fin, explanation="Ok."
        )
    with pytest.raises(ValidationError) as refused:
        objection_withdraw(
            actor=user("leder-fin"), proposal=consultation, ministry=fin, explanation="  "
        )
    assert "explanation" in refused.value.message_dict
    assert Position.objects.current().get(proposal=consultation, ministry=fin).resolution == ""
    objection_withdraw(
        actor=user("leder-fin"), proposal=consultation, ministry=fin, explanation="Avklart."
    )
    # The objection no longer counts, but its row stays on record, resolved by withdrawal.
    assert not Position.objects.current().filter(proposal=consultation, ministry=fin).exists()
    kept = Position.objects.get(proposal=consultation, ministry=fin)
    assert (
        kept.position,
        kept.reason,
        kept.withdrawn_by,
        kept.resolution,
        kept.resolution_text,
    ) == ("object", "Uklart.", user("leder-fin"), "withdrawn", "Avklart.")
    assert kept.withdrawn_at is not None
    assert PositionChange.objects.filter(
        proposal=consultation, ministry=fin, kind="objection_withdrawn"
    ).exists()


def test_revision_resets_every_position_and_notifies_each_admin_head(consultation):
    _everyone(consultation)
    revised = proposal_revise(actor=user("koordinator"), proposal=consultation, text="Ny tekst.")
    assert revised.version == 2
    assert not Position.objects.filter(proposal=revised, version=2).exists()
    assert Position.objects.filter(proposal=revised, version=1).count() == 17  # History kept.
    assert list(revised.versions.values_list("number", "text")) == [
        (1, "Strategisk forum bes gi tilslutning til strategien."),
        (2, "Ny tekst."),
    ]
    assert Notification.objects.filter(key=f"proposal:{revised.pk}:v2:revised").count() == 17
    with pytest.raises(WrongState):  # Not all positions are in any more, deadline not passed.
        proposal_close(actor=user("koordinator"), proposal=revised)


@pytest.mark.parametrize("outcome", ["endorsed", "not_endorsed", "withdrawn"])
def test_a_closed_proposal_is_immutable(consultation, outcome):
    koordinator, fin = user("koordinator"), ministry("FIN")
    if outcome == "withdrawn":
        proposal_withdraw(actor=koordinator, proposal=consultation)
    else:
        _everyone(
            consultation,
            **({"position": "object", "reason": "Nei."} if outcome == "not_endorsed" else {}),
        )
        proposal_close(actor=koordinator, proposal=consultation)
    attempts = [
        lambda: position_record(
            actor=user("leder-fin"), proposal=consultation, ministry=fin, position="endorse"
        ),
        lambda: proposal_revise(actor=koordinator, proposal=consultation, text="Endret"),
        lambda: proposal_close(actor=koordinator, proposal=consultation),
        lambda: proposal_withdraw(actor=koordinator, proposal=consultation),
        lambda: proposal_open(actor=koordinator, proposal=consultation),
        lambda: advice_add(
            actor=koordinator,
            proposal=consultation,
            text="Råd",
            core_group=CoreGroup.objects.first(),
        ),
    ]
    for attempt in attempts:
        with pytest.raises(WrongState):
            attempt()
    consultation.refresh_from_db()
    assert consultation.status == outcome
    assert consultation.text == "Strategisk forum bes gi tilslutning til strategien."


def test_only_an_endorsed_proposal_can_be_amended_and_the_new_one_links_back(consultation):
    _everyone(consultation)
    endorsed = proposal_close(actor=user("koordinator"), proposal=consultation)
    amendment = proposal_create(
        actor=user("koordinator"),
        title="Endring",
        text="Endrer vedtaket.",
        deadline=timezone.now() + datetime.timedelta(days=3),
        amends=endorsed,
    )
    assert list(endorsed.amended_by.all()) == [amendment]
    with pytest.raises(ValidationError):
        proposal_create(
            actor=user("koordinator"),
            title="Feil",
            text="x",
            deadline=timezone.now() + datetime.timedelta(days=3),
            amends=amendment,
        )


def test_a_not_endorsed_proposal_can_be_escalated_once_per_level(consultation):
    make_deadline_pass(consultation)
    proposal_close(actor=user("koordinator"), proposal=consultation)
    proposal_escalate(actor=user("koordinator"), proposal=consultation, level="political")
    with pytest.raises(WrongState):
        proposal_escalate(actor=user("koordinator"), proposal=consultation, level="political")
    with pytest.raises(PermissionDenied):
        proposal_escalate(
            actor=user("leder-fin"), proposal=consultation, level="secretaries_general"
        )
    assert list(Escalation.objects.values_list("level", flat=True)) == ["political"]


def test_advice_is_shown_but_never_counted(consultation):
    advice_add(
        actor=user("sekretariat"),
        proposal=consultation,
        text="Tjenesteforumet støtter.",
        core_group=CoreGroup.objects.first(),
    )
    with pytest.raises(PermissionDenied):
        advice_add(
            actor=user("leder-fin"),
            proposal=consultation,
            text="x",
            core_group=CoreGroup.objects.first(),
        )
    make_deadline_pass(consultation)
    assert proposal_close(actor=user("koordinator"), proposal=consultation).missing.__len__() == 17


def test_closing_with_seventeen_ministries_takes_a_constant_number_of_queries(
    consultation, django_assert_num_queries
):
    _everyone(consultation, skip={"FIN"})
    make_deadline_pass(consultation)
    koordinator = user("koordinator")
    # Savepoint, role check, lock, whether a closed strategy period covers its year,
    # participants, positions, update, field history (the row and the two many-to-many
    # snapshots: four), the requests for positions marked read, audit, release: the same
    # fourteen queries whatever the number of ministries.
    with django_assert_num_queries(14):
        proposal_close(actor=koordinator, proposal=consultation)


def test_closing_queries_do_not_grow_with_the_number_of_positions(demo_users):
    koordinator = user("koordinator")
    counts = []
    for answered in (0, 16):
        proposal = proposal_create(
            actor=koordinator,
            title="T",
            text="x",
            deadline=timezone.now() + datetime.timedelta(days=1),
        )
        proposal_open(actor=koordinator, proposal=proposal)
        _everyone(proposal, skip={p.abbreviation for p in proposal.participants.all()[answered:]})
        make_deadline_pass(proposal)
        koordinator = user("koordinator")
        with CaptureQueriesContext(connection) as probe:
            proposal_close(actor=koordinator, proposal=proposal)
        counts.append(len(probe.captured_queries))
    assert counts[0] == counts[1]


def test_the_task_closes_due_proposals_once(consultation, silent_consultation):
    make_deadline_pass(consultation)
    assert close_due_proposals() == [consultation.pk]
    assert close_due_proposals() == []
    consultation.refresh_from_db()
    assert consultation.status == "not_endorsed"
    event = AuditEvent.objects.get(kind="proposal.closed")
    assert (event.channel, event.actor_label) == ("task", "system")
    silent_consultation.refresh_from_db()
    assert silent_consultation.status == "consultation"  # Its deadline has not passed.
