"""The one permission module: the roles, the user's ministry and the one rule for the coordinator.

The coordinator is in the coordinator group AND works for the ministry that coordinates today;
a superuser is not a coordinator (the follow-up of measures lets administrators act by its own
rule). The same answer in the forums, the follow-up and the audit log, pages and API.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone
from rest_framework.test import APIClient

from forums.models import Proposal
from measures.models import ReportingPeriod
from portfolio import roles
from portfolio.audit_log.permissions import can_view_audit_log
from portfolio.models import CoordinationPeriod, Ministry, UserProfile
from portfolio.permissions import (
    coordinators,
    is_admin_head,
    is_admin_head_of,
    is_administrator,
    is_coordinator,
    is_observer,
    is_secretariat,
    ministry_of,
    sign_grant_ministry_ids,
)
from portfolio.selectors import coordinating_ministry

pytestmark = pytest.mark.django_db


def user(username: str):
    return get_user_model().objects.get(username=username)


def ministry(abbreviation: str) -> Ministry:
    return Ministry.objects.get(abbreviation=abbreviation)


@pytest.fixture
def fin_coordinator(demo_users):
    """In the coordinator group, but working for the Ministry of Finance, which does not
    coordinate."""
    person = get_user_model().objects.create_user("koordinator-fin", password="x")
    UserProfile.objects.create(user=person, ministry=ministry("FIN"))
    person.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return person


def test_the_roles_of_the_demo_cast(demo_users):
    assert is_coordinator(user("koordinator"))
    assert is_secretariat(user("sekretariat"))
    assert is_observer(user("observator"))
    assert is_admin_head(user("leder-fin"))
    assert is_admin_head_of(user("leder-fin"), ministry("FIN"))
    assert not is_admin_head_of(user("leder-fin"), ministry("KDD"))
    assert ministry_of(user("leder-fin")) == ministry("FIN")
    assert sign_grant_ministry_ids(user("leder-fin")) == {ministry("FIN").pk}
    for name in ("sekretariat", "observator", "leder-fin", "admin"):
        assert not is_coordinator(user(name)), name
    assert {person.username for person in coordinators()} == {"koordinator"}


def test_nobody_anonymous_or_inactive_has_a_role(demo_users):
    anonymous = AnonymousUser()
    for predicate in (is_coordinator, is_secretariat, is_observer, is_admin_head, is_administrator):
        assert not predicate(anonymous)
        assert not predicate(None)
    assert ministry_of(anonymous) is None
    koordinator = user("koordinator")
    koordinator.is_active = False
    koordinator.save()
    assert not is_coordinator(user("koordinator"))
    assert sign_grant_ministry_ids(anonymous) == set()


def test_a_superuser_is_an_administrator_not_a_coordinator(demo_users):
    admin = user("admin")
    assert is_administrator(admin)
    assert ministry_of(admin) == coordinating_ministry()  # works for it, without the role
    assert not is_coordinator(admin)


def test_the_coordinator_group_outside_the_coordinating_ministry_is_no_coordinator(
    fin_coordinator,
):
    assert not is_coordinator(fin_coordinator)
    assert fin_coordinator not in coordinators()


def test_the_role_moves_with_the_coordinating_ministry(fin_coordinator):
    CoordinationPeriod.objects.create(
        ministry=ministry("FIN"), valid_from=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert is_coordinator(get_user_model().objects.get(pk=fin_coordinator.pk))
    assert not is_coordinator(user("koordinator"))
    assert set(coordinators()) == {fin_coordinator}


PROPOSAL = {"title": "Sak", "text": "Tekst", "deadline": "2099-01-01T12:00:00+01:00"}
PERIOD = {
    "year": 2028,
    "sequence": 1,
    "starts_on": "2028-01-01",
    "ends_on": "2028-04-30",
    "due_on": "2028-05-15",
    "meeting": "",
}


def test_every_app_gives_the_same_answer_in_the_pages_and_the_api(fin_coordinator, client):
    """Forums, follow-up and audit log refuse the coordinator group outside the coordinating
    ministry, and let the coordinator through."""
    for person, allowed in ((fin_coordinator, False), (user("koordinator"), True)):
        client.force_login(person)
        api_client = APIClient()
        api_client.force_authenticate(person)
        expected_page, expected_api = (302, 201) if allowed else (403, 403)
        assert client.post(
            "/saker/ny/", {**PROPOSAL, "deadline": "2099-01-01T12:00"}
        ).status_code == (expected_page)
        assert api_client.post("/api/v1/proposals/", PROPOSAL, format="json").status_code == (
            expected_api
        )
        period = {**PERIOD, "sequence": 1 if allowed else 2}
        assert client.post("/tiltak/perioder/ny/", period).status_code == expected_page
        period["year"] = 2029
        assert (
            api_client.post("/api/v1/reporting-periods/", period, format="json").status_code
            == expected_api
        )
        assert can_view_audit_log(get_user_model().objects.get(pk=person.pk)) == allowed
    assert Proposal.objects.count() == 2
    assert ReportingPeriod.objects.count() == 2


def test_administrators_run_the_follow_up_but_not_the_forums(demo_users, client):
    client.force_login(user("admin"))
    assert client.post("/tiltak/perioder/ny/", PERIOD).status_code == 302
    assert (
        client.post("/saker/ny/", {**PROPOSAL, "deadline": "2099-01-01T12:00"}).status_code == 403
    )
    assert not Proposal.objects.exists()
