"""Fixtures for proposals: a draft and an open proposal made through the services."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from forums.models import Proposal
from forums.services.proposals import proposal_create, proposal_open
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
