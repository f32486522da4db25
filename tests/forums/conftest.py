"""Fixtures of the forums tests: proposals, and Strategisk forum with its wheel and meetings."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from forums.models import Forum, Meeting, Proposal
from forums.services.proposals import proposal_create, proposal_open
from forums.services.wheel import wheel_materialise
from portfolio.models import Ministry


def user(username: str):
    return get_user_model().objects.get(username=username)


def ministry(abbreviation: str) -> Ministry:
    return Ministry.objects.get(abbreviation=abbreviation)


def make_deadline_pass(proposal: Proposal) -> None:
    # Test setup only: moves the deadline into the past as time passing would.
    Proposal.objects.filter(pk=proposal.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    proposal.refresh_from_db()


@pytest.fixture
def draft(demo_users) -> Proposal:
    return proposal_create(
        actor=user("koordinator"),
        title="Felles anskaffelsesstrategi 2027",
        text="Strategisk forum bes gi tilslutning til strategien.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )


@pytest.fixture
def consultation(draft) -> Proposal:
    return proposal_open(actor=user("koordinator"), proposal=draft)


@pytest.fixture
def silent_consultation(demo_users) -> Proposal:
    proposal = proposal_create(
        actor=user("koordinator"),
        title="Skriftlig prosedyre",
        text="Stilltiende samtykke.",
        deadline=timezone.now() + datetime.timedelta(days=7),
        silent_consent=True,
    )
    return proposal_open(actor=user("koordinator"), proposal=proposal)


@pytest.fixture
def forum(demo_users):
    return Forum.objects.get(slug="strategisk-forum")


@pytest.fixture
def meetings_2027(forum) -> list[Meeting]:
    wheel_materialise(actor=None, forum=forum, year=2027)
    return list(forum.meetings.filter(year=2027).order_by("starts_at"))


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads and stored PDFs go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def held_meeting(meetings_2027) -> Meeting:
    """The first meeting of 2027, moved into the past and held."""
    import datetime

    from django.utils import timezone

    meeting = meetings_2027[0]
    meeting.starts_at = timezone.now() - datetime.timedelta(days=2)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.status = Meeting.Status.HELD
    meeting.save()
    return meeting


@pytest.fixture
def draft_minutes(held_meeting):
    """Draft minutes with a conclusion and a follow-up action."""
    from forums.services.minutes import minutes_create, minutes_entry_add
    from portfolio.models import Ministry

    secretariat = user("sekretariat")
    minutes = minutes_create(actor=secretariat, meeting=held_meeting)
    items = list(held_meeting.agenda_items.order_by("number"))
    minutes_entry_add(
        actor=secretariat,
        minutes=minutes,
        agenda_item=items[0],
        kind="conclusion",
        text="Forumet slutter seg til porteføljen for 2027 – med én endring.",
    )
    minutes_entry_add(
        actor=secretariat,
        minutes=minutes,
        agenda_item=items[1],
        kind="follow_up_action",
        text="Oppdatere statusrapporten for tiltakene.",
        owner_ministry=Ministry.objects.get(abbreviation="FIN"),
        due_date=datetime.date(2027, 3, 1),
    )
    return minutes


@pytest.fixture
def review_minutes(draft_minutes):
    from forums.services.minutes import minutes_submit

    return minutes_submit(actor=user("sekretariat"), minutes=draft_minutes)


def end_review(minutes):
    """Let the review period pass."""
    minutes.review_ends_on = datetime.date(2000, 1, 1)
    minutes.save(update_fields=["review_ends_on"])
    return minutes
