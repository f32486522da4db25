"""manage.py generate_forum_activity: a year of forum work at N times the real volume, in
which the journeys of the load benchmark are possible (close a due proposal, answer a waiting
one, edit draft minutes) and the services go on numbering after it."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from forums.models import (
    AgendaItem,
    Meeting,
    Minutes,
    MinutesEntry,
    Position,
    PositionChange,
    Proposal,
)
from forums.selectors.proposals import waiting_for_user
from forums.services.meetings import agenda_item_create
from forums.services.minutes import minutes_entry_add
from forums.services.proposals import position_record, proposal_close, proposal_create
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

SEATED = 17  # the owner ministries seated in Strategisk forum


@pytest.fixture
def generated(demo_users):
    call_command("generate_forum_activity", "--scale", "2", "--force", verbosity=0)
    return timezone.now()


def test_it_is_refused_while_debug_is_off(demo_users, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_forum_activity", "--scale", "1", verbosity=0)
    assert not Proposal.objects.exists()


def test_it_needs_the_demo_users(reference_data):
    from django.contrib.auth import get_user_model

    get_user_model().objects.all().delete()
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("generate_forum_activity", "--scale", "1", "--force", verbosity=0)


def test_the_volume_is_scale_times_the_real_year(generated):
    assert Meeting.objects.count() == 2 * 5
    assert AgendaItem.objects.count() == 2 * 5 * 8
    assert Proposal.objects.count() == 2 * 15
    held = Meeting.objects.filter(starts_at__lt=generated).count()
    assert Minutes.objects.count() == held > 0
    assert MinutesEntry.objects.count() == held * 8


def test_closed_and_due_proposals_are_answered_by_every_participant(generated):
    closed = Proposal.objects.filter(status__in=Proposal.CLOSED_STATUSES).exclude(
        status=Proposal.Status.WITHDRAWN
    )
    due = Proposal.objects.filter(status=Proposal.Status.CONSULTATION, deadline__lt=generated)
    assert closed.exists()
    assert due.count() == 2 * 2
    for proposal in [*closed, *due]:
        assert proposal.participants.count() == SEATED
        assert Position.objects.filter(proposal=proposal).count() == SEATED
    not_endorsed = Proposal.objects.filter(status=Proposal.Status.NOT_ENDORSED)
    for proposal in not_endorsed:
        objecting = Position.objects.filter(proposal=proposal, position="object")
        assert [p.ministry.abbreviation for p in objecting] == proposal.objecting
    assert PositionChange.objects.count() == Position.objects.count()


def test_the_coordinator_can_close_a_due_proposal(generated):
    due = Proposal.objects.filter(
        status=Proposal.Status.CONSULTATION, deadline__lt=generated
    ).first()
    closed = proposal_close(actor=user("koordinator"), proposal=due)
    assert closed.status == Proposal.Status.ENDORSED


def test_proposals_wait_for_ministries_and_an_admin_head_can_answer(generated):
    waiting = Proposal.objects.filter(status=Proposal.Status.CONSULTATION, deadline__gt=generated)
    assert waiting.count() == 2
    proposal = waiting.first()
    silent = proposal.participants.exclude(pk__in=proposal.positions.values("ministry"))
    assert silent.count() >= SEATED // 3
    head = user(f"leder-{silent.first().abbreviation.lower()}")
    assert proposal in [item.proposal for item in waiting_for_user(head)]
    _, created = position_record(
        actor=head, proposal=proposal, ministry=silent.first(), position="endorse"
    )
    assert created


def test_the_secretariat_can_edit_draft_minutes(generated):
    draft = Minutes.objects.filter(status=Minutes.Status.DRAFT).first()
    entry = minutes_entry_add(
        actor=user("sekretariat"),
        minutes=draft,
        agenda_item=draft.meeting.agenda_items.first(),
        kind="information",
        text="Orientering.",
    )
    assert entry.minutes == draft
    assert Minutes.objects.filter(status=Minutes.Status.REVIEW).exists()
    approved = Minutes.objects.filter(status=Minutes.Status.APPROVED)
    assert approved.exists()
    assert {m.meeting.status for m in approved} == {Meeting.Status.MINUTES_APPROVED}


def test_the_services_number_on_after_the_generated_rows(generated):
    proposal = proposal_create(
        actor=user("koordinator"),
        title="Ny sak",
        text="Tekst.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    numbers = Proposal.objects.filter(forum=proposal.forum, year=proposal.year)
    assert proposal.number == max(numbers.values_list("number", flat=True))
    meeting = Meeting.objects.filter(status=Meeting.Status.PLANNED).order_by("starts_at").last()
    item = agenda_item_create(actor=user("sekretariat"), meeting=meeting, title="Ny sak")
    same_year = AgendaItem.objects.filter(forum=meeting.forum, year=item.year)
    assert item.number == max(same_year.values_list("number", flat=True))


def test_generated_rows_have_field_history(generated):
    proposal = Proposal.objects.first()
    assert proposal.history.count() == 1
    assert proposal.history.first().history_channel == "system"
    assert ministry("FIN").pk in set(
        Position.history.values_list("ministry_id", flat=True).distinct()
    )
