"""The permission matrix: every role × every action on proposals, in the web UI and the API.

Each role gets fresh proposals in the state the action needs; an allowed action must change
the state, a denied one must be refused (401/403, or 404 where the draft is invisible) and
change nothing.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from forums.models import Escalation, Position, Proposal
from forums.permissions import can_sign_for
from forums.services.proposals import (
    position_record,
    proposal_close,
    proposal_create,
    proposal_open,
)
from measures.models import CoreGroup
from tests.forums.conftest import make_deadline_pass, ministry, user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "koordinator", "sekretariat", "observator", "leder-fin", "leder-kdd", "admin"]
LOGGED_IN = set(ROLES) - {"anonymous"}
ALLOWED = {
    "create": {"koordinator"},
    "open": {"koordinator"},
    "position": {"leder-fin"},
    "revise": {"koordinator"},
    "close": {"koordinator"},
    "withdraw": {"koordinator"},
    "escalate": {"koordinator"},
    "read": LOGGED_IN,
    "read_draft": {"koordinator", "sekretariat"},
    "advice": {"koordinator", "sekretariat"},
}
API_ACTIONS = [action for action in ALLOWED if action != "advice"]


def _proposal(state: str) -> Proposal:
    koordinator = user("koordinator")
    proposal = proposal_create(
        actor=koordinator,
        title="Sak",
        text="Tekst",
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
    if state == "draft":
        return proposal
    proposal_open(actor=koordinator, proposal=proposal)
    if state == "due":
        make_deadline_pass(proposal)
    if state == "not_endorsed":
        make_deadline_pass(proposal)
        proposal_close(actor=koordinator, proposal=proposal)
    return proposal


STATE_FOR = {
    "create": None,
    "open": "draft",
    "position": "consultation",
    "revise": "consultation",
    "close": "due",
    "withdraw": "consultation",
    "escalate": "not_endorsed",
    "read": "consultation",
    "read_draft": "draft",
    "advice": "consultation",
}


def _happened(action: str, proposal: Proposal | None, before: int) -> bool:
    if action == "create":
        return Proposal.objects.count() > before
    proposal.refresh_from_db()
    return {
        "open": lambda: proposal.status == "consultation",
        "position": lambda: Position.objects.filter(proposal=proposal).exists(),
        "revise": lambda: proposal.version == 2,
        "close": lambda: proposal.status == "not_endorsed",
        "withdraw": lambda: proposal.status == "withdrawn",
        "escalate": lambda: Escalation.objects.filter(proposal=proposal).exists(),
        "read": lambda: True,
        "read_draft": lambda: True,
        "advice": lambda: proposal.advice.exists(),
    }[action]()


def _api_call(client, action: str, proposal: Proposal | None):
    base = f"/api/v1/proposals/{proposal.pk}/" if proposal else ""
    return {
        "create": lambda: client.post(
            "/api/v1/proposals/",
            {"title": "Ny", "text": "Tekst", "deadline": "2099-01-01T12:00:00+01:00"},
            format="json",
        ),
        "open": lambda: client.post(f"{base}open/"),
        "position": lambda: client.put(
            f"{base}positions/FIN/", {"position": "endorse", "reason": ""}, format="json"
        ),
        "revise": lambda: client.post(f"{base}revise/", {"text": "Ny tekst"}, format="json"),
        "close": lambda: client.post(f"{base}close/"),
        "withdraw": lambda: client.post(f"{base}withdraw/"),
        "escalate": lambda: client.post(f"{base}escalate/", {"level": "political"}, format="json"),
        "read": lambda: client.get(base),
        "read_draft": lambda: client.get(base),
    }[action]()


def _ui_call(client, action: str, proposal: Proposal | None):
    base = f"/saker/{proposal.pk}/" if proposal else ""
    return {
        "create": lambda: client.post(
            "/saker/ny/", {"title": "Ny", "text": "Tekst", "deadline": "2099-01-01T12:00"}
        ),
        "open": lambda: client.post(f"{base}apne/"),
        "position": lambda: client.post(f"{base}posisjon/FIN/", {"fin-position": "endorse"}),
        "revise": lambda: client.post(f"{base}revider/", {"title": "Sak", "text": "Ny tekst"}),
        "close": lambda: client.post(f"{base}lukk/"),
        "withdraw": lambda: client.post(f"{base}trekk/"),
        "escalate": lambda: client.post(f"{base}eskaler/", {"level": "political"}),
        "read": lambda: client.get(base),
        "read_draft": lambda: client.get(base),
        "advice": lambda: client.post(
            f"{base}rad/",
            {"source": f"core_group:{CoreGroup.objects.first().pk}", "text": "Innspill"},
        ),
    }[action]()


@pytest.mark.parametrize("role", ROLES)
def test_api_permission_matrix(api_client_for, role):
    client = api_client_for(role)
    results = {}
    for action in API_ACTIONS:
        proposal = _proposal(STATE_FOR[action]) if STATE_FOR[action] else None
        before = Proposal.objects.count()
        response = _api_call(client, action, proposal)
        allowed = role in ALLOWED[action]
        if allowed:
            ok = response.status_code in (200, 201) and _happened(action, proposal, before)
        else:
            denied = {401, 403} if role == "anonymous" else {403, 404}
            changed = action not in ("read", "read_draft") and _happened(action, proposal, before)
            ok = response.status_code in denied and not changed
        results[action] = (allowed, response.status_code, ok)
    assert all(ok for _, _, ok in results.values()), results


@pytest.mark.parametrize("role", ROLES)
def test_ui_permission_matrix(client_for, role):
    client = client_for(role)
    results = {}
    for action in ALLOWED:
        proposal = _proposal(STATE_FOR[action]) if STATE_FOR[action] else None
        before = Proposal.objects.count()
        response = _ui_call(client, action, proposal)
        allowed = role in ALLOWED[action]
        if allowed:
            ok = response.status_code in (200, 302) and _happened(action, proposal, before)
        else:
            denied = {302} if role == "anonymous" else {403, 404}
            changed = action not in ("read", "read_draft") and _happened(action, proposal, before)
            ok = response.status_code in denied and not changed
            if role == "anonymous":
                ok = ok and response["Location"].startswith("/logg-inn/")
        results[action] = (allowed, response.status_code, ok)
    assert all(ok for _, _, ok in results.values()), results


def test_a_superuser_cannot_sign_for_a_ministry(consultation):
    admin = user("admin")
    assert admin.has_perm("portfolio.sign_for_ministry", ministry("FIN"))  # Django says yes …
    assert not can_sign_for(user=admin, ministry=ministry("FIN"))  # … the portal says no.
    with pytest.raises(PermissionDenied):
        position_record(
            actor=admin, proposal=consultation, ministry=ministry("FIN"), position="endorse"
        )


def test_an_admin_head_signs_only_for_own_ministry(consultation):
    with pytest.raises(PermissionDenied):
        position_record(
            actor=user("leder-fin"),
            proposal=consultation,
            ministry=ministry("KDD"),
            position="endorse",
        )
    assert not Position.objects.exists()
