"""Delegation: an admin head lets a deputy sign for a period; revocable and logged."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forums.models import Delegation
from forums.permissions import can_sign_for
from forums.services.delegations import delegation_grant, delegation_revoke
from forums.services.proposals import position_record
from portfolio.models import AuditEvent, UserProfile
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(demo_users):
    person = get_user_model().objects.create_user("nestleder-fin", password="demo")
    UserProfile.objects.create(user=person, ministry=ministry("FIN"))
    return person


def _grant(actor, deputy, days=(0, 7)):
    today = timezone.localdate()
    return delegation_grant(
        actor=actor,
        ministry=ministry("FIN"),
        delegate=deputy,
        valid_from=today + datetime.timedelta(days=days[0]),
        valid_to=today + datetime.timedelta(days=days[1]),
    )


def test_a_deputy_signs_while_delegated_and_not_after_revocation(deputy, consultation):
    fin = ministry("FIN")
    assert not can_sign_for(user=deputy, ministry=fin)
    delegation = _grant(user("leder-fin"), deputy)
    position_record(actor=deputy, proposal=consultation, ministry=fin, position="endorse")
    delegation_revoke(actor=user("leder-fin"), delegation=delegation)
    with pytest.raises(PermissionDenied):
        position_record(actor=deputy, proposal=consultation, ministry=fin, position="endorse")
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"delegation.granted", "delegation.revoked"} <= kinds


def test_a_future_delegation_does_not_count_yet(deputy):
    _grant(user("leder-fin"), deputy, days=(2, 5))
    assert not can_sign_for(user=deputy, ministry=ministry("FIN"))


def test_who_may_delegate(deputy):
    with pytest.raises(PermissionDenied):
        _grant(user("leder-kdd"), deputy)
    with pytest.raises(PermissionDenied):
        _grant(user("koordinator"), deputy)
    _grant(user("admin"), deputy)  # An administrator may.
    delegation = Delegation.objects.get()
    with pytest.raises(PermissionDenied):  # A deputy cannot pass it on or revoke.
        delegation_revoke(actor=deputy, delegation=delegation)


def test_the_deputy_must_work_in_the_ministry(demo_users):
    with pytest.raises(ValidationError):
        _grant(user("leder-fin"), user("leder-kdd"))


def test_the_delegation_page_grants_and_revokes(client_for, deputy):
    client = client_for("leder-fin")
    assert client.get("/saker/fullmakter/").status_code == 200
    today = timezone.localdate()
    response = client.post(
        "/saker/fullmakter/",
        {
            "delegate": deputy.pk,
            "valid_from": today.isoformat(),
            "valid_to": (today + datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (
        client_for("leder-kdd").post(f"/saker/fullmakter/{delegation.pk}/tilbakekall/").status_code
        == 403
    )
    assert client.post(f"/saker/fullmakter/{delegation.pk}/tilbakekall/").status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None


def test_the_delegation_page_is_for_admin_heads_only(client_for):
    for role in ["koordinator", "sekretariat", "observator", "admin"]:
        assert client_for(role).get("/saker/fullmakter/").status_code == 403, role
    assert client_for("anonymous").get("/saker/fullmakter/").status_code == 302
