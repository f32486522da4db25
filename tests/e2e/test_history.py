"""The History tabs of a proposal, a meeting and a forum pass axe."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Forum
from forums.services.proposals import position_record, proposal_create, proposal_open
from forums.services.wheel import wheel_materialise
from portfolio.models import Ministry

pytestmark = pytest.mark.django_db(transaction=True)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def test_proposal_history_tab_has_no_axe_violations(
    page, live_server, login, axe_violations, demo_users
):
    proposal = proposal_create(
        actor=_user("koordinator"),
        title="Felles anskaffelsesstrategi",
        text="Strategisk forum bes gi tilslutning.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    proposal = proposal_open(actor=_user("koordinator"), proposal=proposal)
    position_record(
        actor=_user("leder-fin"),
        proposal=proposal,
        ministry=Ministry.objects.get(abbreviation="FIN"),
        position="endorse",
    )
    login("koordinator")
    page.goto(f"{live_server.url}/saker/{proposal.pk}/")
    page.get_by_role("link", name="Historikk").click()
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_text("leder-fin").first).to_be_visible()
    assert axe_violations() == []


def test_meeting_history_tab_has_no_axe_violations(
    page, live_server, login, axe_violations, demo_users
):
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2027)
    meeting = forum.meetings.order_by("starts_at").first()
    login("sekretariat")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/historikk/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe_violations() == []


def test_forum_history_tab_has_no_axe_violations(
    page, live_server, login, axe_violations, demo_users
):
    login("leder-fin")
    page.goto(f"{live_server.url}/forums/strategisk-forum/")
    page.get_by_role("link", name="Historikk").click()
    expect(page.get_by_role("table")).to_be_visible()
    assert axe_violations() == []
