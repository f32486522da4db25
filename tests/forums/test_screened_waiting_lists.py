"""The lists of proposals waiting for a ministry's position screen a restricted title.

A deputy signing for FIN by delegation is neither an admin head nor a measure lead, so an
exempt proposal FIN takes part in is screened for them on the start page and the dashboard;
the admin head of FIN reads its real title there and on the page of who owes what.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums.models import Record
from forums.selectors.proposals import waiting_for_user
from forums.services.delegations import delegation_grant
from portfolio.models import UserProfile
from tests.forums.conftest import ministry, user
from tests.forums.records_helpers import mark_exempt

pytestmark = pytest.mark.django_db

REAL = "Felles anskaffelsesstrategi 2027"
SCREENED = "Skjermet forhandlingssak"
PAGES = ("/", "/portefolje/")


@pytest.fixture
def deputy(demo_users):
    person = get_user_model().objects.create_user("nestleder-fin", password="demo")
    UserProfile.objects.create(user=person, ministry=ministry("FIN"))
    today = timezone.localdate()
    delegation_grant(
        actor=user("leder-fin"),
        ministry=ministry("FIN"),
        delegate=person,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
    )
    return person


@pytest.fixture
def exempt(consultation):
    consultation.participants.set([ministry("FIN")])  # test setup: a narrower consultation
    mark_exempt(
        Record.objects.get(proposal_version__proposal=consultation), screened_title=SCREENED
    )
    return consultation


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_deputy_sees_the_screened_title_of_a_proposal_waiting_for_the_ministry(
    client, deputy, exempt
):
    client.force_login(deputy)
    for url in PAGES:
        content = _page(client, url)
        assert exempt.register_number in content, url
        assert SCREENED in content, url
        assert REAL not in content, url
    (item,) = waiting_for_user(deputy)
    assert item.proposal.title == SCREENED and item.proposal.screened


def test_a_deputy_sees_the_real_title_of_a_public_proposal(client, deputy, consultation):
    consultation.participants.set([ministry("FIN")])  # test setup: a narrower consultation
    client.force_login(deputy)
    for url in PAGES:
        assert REAL in _page(client, url), url


def test_the_admin_head_reads_the_real_title_where_it_waits(client_for, exempt):
    client = client_for("leder-fin")
    for url in (*PAGES, "/oppfolging/"):
        content = _page(client, url)
        assert REAL in content, url
        assert SCREENED not in content, url


def test_the_waiting_list_takes_the_same_queries_for_more_proposals(deputy, exempt):
    from forums.services.proposals import proposal_create, proposal_open

    waiting_for_user(deputy)  # the user's roles are read once and kept on the user
    with CaptureQueriesContext(connection) as few:
        assert len(waiting_for_user(deputy)) == 1
    for number in range(3):
        more = proposal_open(
            actor=user("koordinator"),
            proposal=proposal_create(
                actor=user("koordinator"),
                title=f"Sak {number}",
                text="Tekst.",
                deadline=timezone.now() + datetime.timedelta(days=7),
            ),
        )
        mark_exempt(Record.objects.get(proposal_version__proposal=more))
    with CaptureQueriesContext(connection) as many:
        waiting = waiting_for_user(deputy)
    assert len(waiting) == 4
    assert {item.proposal.title for item in waiting} == {SCREENED, "Skjermet sak"}
    assert len(few) == len(many)
