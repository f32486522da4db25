"""The consensus rule, for any mix of positions: a property test over all seventeen ministries.

Endorsed when no current objection and no missing position; silent consent (once the deadline
has passed) counts the missing as standing aside. A withdrawn objection counts as missing.
"""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forums.models import Proposal
from forums.services.positions import objection_withdraw, position_record
from forums.services.proposals import proposal_close, proposal_create, proposal_open
from tests.forums.conftest import make_deadline_pass, user

pytestmark = pytest.mark.django_db

SEATED = 17  # the ministries seated in Strategisk forum, all participants of a proposal
ANSWERS = [None, "endorse", "stand_aside", "object", "withdrawn objection"]


def _expected(answers: list[tuple[str, str | None]], silent_consent: bool) -> tuple:
    """(status, objecting, missing, silent), the ministries in the order they are given."""
    objecting = [ministry for ministry, answer in answers if answer == "object"]
    missing = [ministry for ministry, answer in answers if answer in (None, "withdrawn objection")]
    silent = missing if silent_consent else []
    missing = [] if silent_consent else missing
    endorsed = not objecting and not missing
    status = Proposal.Status.ENDORSED if endorsed else Proposal.Status.NOT_ENDORSED
    return status, objecting, missing, silent


def _answer(proposal: Proposal, ministry, answer: str | None) -> None:
    if answer is None:
        return
    head = user(f"leder-{ministry.abbreviation.lower()}")
    position = "object" if answer == "withdrawn objection" else answer
    reason = "Strider mot vårt regelverk." if position == "object" else ""
    position_record(
        actor=head, proposal=proposal, ministry=ministry, position=position, reason=reason
    )
    if answer == "withdrawn objection":
        objection_withdraw(
            actor=head, proposal=proposal, ministry=ministry, explanation="Avklart i møtet."
        )


@settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    answers=st.lists(st.sampled_from(ANSWERS), min_size=SEATED, max_size=SEATED),
    silent_consent=st.booleans(),
)
def test_the_outcome_follows_the_consensus_rule_for_any_mix_of_positions(
    demo_users, answers, silent_consent
):
    coordinator = user("koordinator")
    with transaction.atomic():  # Each example starts from the same data: rolled back below.
        proposal = proposal_open(
            actor=coordinator,
            proposal=proposal_create(
                actor=coordinator,
                title="Felles anskaffelsesstrategi",
                text="Strategisk forum bes gi tilslutning.",
                deadline=timezone.now() + datetime.timedelta(days=7),
                silent_consent=silent_consent,
            ),
        )
        participants = list(proposal.participants.order_by("abbreviation"))
        assert len(participants) == SEATED
        for ministry, answer in zip(participants, answers, strict=True):
            _answer(proposal, ministry, answer)
        make_deadline_pass(proposal)

        closed = proposal_close(actor=coordinator, proposal=proposal)

        by_abbreviation = [(m.abbreviation, a) for m, a in zip(participants, answers, strict=True)]
        assert (closed.status, closed.objecting, closed.missing, closed.silent) == _expected(
            by_abbreviation, silent_consent
        )
        transaction.set_rollback(True)
