"""Ministries without a position are reminded before the deadline, once per version."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from forums.models import Proposal
from forums.services.proposal_reminders import proposals_remind_missing
from forums.services.proposals import position_record, proposal_revise
from forums.tasks.proposals import remind_missing_positions
from portfolio.models import Notification
from tests.forums.conftest import ministry, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def _deadline_in(proposal: Proposal, delta: datetime.timedelta) -> None:
    # Test setup only: the deadline approaches as time passing would.
    Proposal.objects.filter(pk=proposal.pk).update(deadline=timezone.now() + delta)
    proposal.refresh_from_db()


def _reminded(proposal: Proposal) -> set[str]:
    keys = Notification.objects.filter(key__contains=f"proposal:{proposal.pk}:").filter(
        key__contains=":reminder:"
    )
    return set(keys.values_list("recipient__username", flat=True))


def test_ministries_without_a_position_are_reminded_near_the_deadline(
    consultation, django_capture_on_commit_callbacks
):
    position_record(
        actor=user("leder-fin"), proposal=consultation, ministry=ministry("FIN"), position="endorse"
    )
    _deadline_in(consultation, datetime.timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = proposals_remind_missing()
    reminded = _reminded(consultation)
    assert sent == 16
    assert "leder-fin" not in reminded
    assert {"leder-kdd", "leder-smk", "leder-dfd"} <= reminded
    assert len(mail.outbox) == 16


def test_no_reminder_while_the_deadline_is_far_away(consultation):
    _deadline_in(consultation, datetime.timedelta(days=6))
    assert proposals_remind_missing() == 0
    assert _reminded(consultation) == set()


def test_running_twice_reminds_once_and_a_revision_reminds_again(consultation):
    _deadline_in(consultation, datetime.timedelta(hours=20))
    assert remind_missing_positions.apply().get() == 17
    assert remind_missing_positions.apply().get() == 0
    revised = proposal_revise(actor=user("koordinator"), proposal=consultation, text="Ny tekst.")
    _deadline_in(revised, datetime.timedelta(hours=20))
    assert proposals_remind_missing() == 17


def test_closed_proposals_get_no_reminders(consultation):
    from forums.services.proposals import proposal_withdraw

    _deadline_in(consultation, datetime.timedelta(hours=5))
    proposal_withdraw(actor=user("koordinator"), proposal=consultation)
    assert proposals_remind_missing() == 0
