"""The coordinator hears of objections and passed deadlines; closed proposals leave nothing unread."""

import pytest

from forums.models import Proposal
from forums.services.proposals import position_record, proposal_withdraw, proposals_close_due
from portfolio.models import Notification
from tests.forums.conftest import make_deadline_pass, ministry, user

pytestmark = pytest.mark.django_db


def of(username: str):
    return Notification.objects.filter(recipient__username=username)


def test_the_coordinator_is_told_of_an_objection_once(consultation):
    fin = ministry("FIN")
    position_record(
        actor=user("leder-fin"), proposal=consultation, ministry=fin, position="endorse"
    )
    assert not of("koordinator").filter(key__contains="objection").exists()
    for reason in ("Kostnadene er ikke avklart.", "Kostnadene er fortsatt uklare."):
        position_record(
            actor=user("leder-fin"),
            proposal=consultation,
            ministry=fin,
            position="object",
            reason=reason,
        )
    told = of("koordinator").get(key__contains="objection")
    assert told.subject == f"FIN har innsigelse mot {consultation.register_number}"
    assert "Kostnadene er ikke avklart." in told.body and told.url == f"/saker/{consultation.pk}/"


def test_the_coordinator_is_told_when_a_deadline_closes_a_proposal(consultation):
    make_deadline_pass(consultation)
    proposals_close_due()
    proposals_close_due()
    told = of("koordinator").get(key__endswith="deadline-passed")
    assert consultation.register_number in told.subject and told.read_at is None


def test_closing_or_withdrawing_settles_the_requests_for_positions(consultation):
    asked = of("leder-fin").filter(key__startswith=f"proposal:{consultation.pk}:")
    assert asked.exists() and asked.filter(read_at__isnull=True).count() == asked.count()
    proposal_withdraw(actor=user("koordinator"), proposal=consultation)
    assert not asked.filter(read_at__isnull=True).exists()
    consultation.refresh_from_db()
    assert consultation.status == Proposal.Status.WITHDRAWN


def test_seeing_the_proposal_marks_ones_own_notifications_read(client_for, consultation):
    mine = of("leder-fin").filter(key__startswith=f"proposal:{consultation.pk}:")
    theirs = of("leder-kdd").filter(key__startswith=f"proposal:{consultation.pk}:")
    assert client_for("leder-fin").get(f"/saker/{consultation.pk}/").status_code == 200
    assert not mine.filter(read_at__isnull=True).exists()
    assert theirs.filter(read_at__isnull=True).exists()
