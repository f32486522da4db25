"""The API of delegations and of advice on proposals: the same rules and errors as the pages."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from forums.models import Advice, Delegation, Proposal
from forums.services.delegations import delegation_grant
from forums.services.proposals import proposal_withdraw
from portfolio.models import AuditEvent, UserProfile
from tests.follow_up import count_queries
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

URL = "/api/v1/delegations/"


@pytest.fixture
def deputy(demo_users):
    person = get_user_model().objects.create_user("nestleder-fin", password="demo")
    UserProfile.objects.create(user=person, ministry=ministry("FIN"))
    return person


def _grant_body(days: int = 7, **change) -> dict:
    today = timezone.localdate()
    return {
        "ministry": "FIN",
        "delegate": "nestleder-fin",
        "valid_from": today.isoformat(),
        "valid_to": (today + datetime.timedelta(days=days)).isoformat(),
        **change,
    }


def _grant(deputy) -> Delegation:
    today = timezone.localdate()
    return delegation_grant(
        actor=user("leder-fin"),
        ministry=ministry("FIN"),
        delegate=deputy,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
    )


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("anonymous", 401),
        ("koordinator", 403),
        ("sekretariat", 403),
        ("observator", 403),
        ("leder-kdd", 403),  # heads KDD, not FIN
        ("leder-fin", 201),
        ("admin", 201),  # administrators may, as in the admin
    ],
)
def test_only_the_ministrys_admin_head_grants(api_client_for, deputy, username, expected):
    response = api_client_for(username).post(URL, _grant_body(), format="json")
    assert response.status_code == expected, response.content
    assert Delegation.objects.exists() == (expected == 201)
    if expected == 201:
        body = response.json()
        assert (body["ministry"], body["delegate"], body["active"]) == (
            "FIN",
            deputy.username,
            True,
        )
        assert AuditEvent.objects.filter(kind="delegation.granted").count() == 1


def test_the_deputy_and_the_period_are_checked_in_the_language_asked_for(api_client_for, deputy):
    client = api_client_for("leder-fin")
    answers = {}
    for language in ("nb", "en"):
        cases = [
            _grant_body(delegate="leder-fin"),  # to oneself
            _grant_body(delegate="leder-kdd"),  # another ministry
            _grant_body(days=-3),  # ends before it starts
        ]
        answers[language] = [
            client.post(URL, body, format="json", HTTP_ACCEPT_LANGUAGE=language) for body in cases
        ]
    for nb, en in zip(answers["nb"], answers["en"], strict=True):
        assert (nb.status_code, en.status_code) == (400, 400)
        assert set(nb.json()) == set(en.json())
        assert nb.json() != en.json()
    assert not Delegation.objects.exists()


def test_the_admin_head_lists_and_revokes_the_ministrys_delegations(api_client_for, deputy):
    delegation = _grant(deputy)
    own = api_client_for("leder-fin")
    assert [row["id"] for row in own.get(URL).json()["results"]] == [delegation.pk]
    assert api_client_for("leder-kdd").get(URL).json()["results"] == []
    for username in ("leder-kdd", "koordinator", "observator"):
        client = api_client_for(username)
        assert client.get(f"{URL}{delegation.pk}/").status_code == 403, username
        assert client.post(f"{URL}{delegation.pk}/revoke/").status_code == 403, username
    assert api_client_for("koordinator").get(URL).status_code == 403
    revoked = own.post(f"{URL}{delegation.pk}/revoke/")
    assert revoked.status_code == 200
    assert (revoked.json()["revoked_by"], revoked.json()["active"]) == ("leder-fin", False)
    assert own.post(f"{URL}{delegation.pk}/revoke/").status_code == 409
    assert own.post(f"{URL}987654/revoke/").status_code == 404


def test_the_delegation_list_runs_a_constant_number_of_queries(api_client_for, deputy):
    client = api_client_for("leder-fin")
    _grant(deputy)
    few = count_queries(client, URL)
    for number in range(5):
        other = get_user_model().objects.create_user(f"nestleder-{number}", password="demo")
        UserProfile.objects.create(user=other, ministry=ministry("FIN"))
        _grant(other)
    assert count_queries(client, URL) == few


# --- Advice -----------------------------------------------------------------------------------

ADVICE = {"forum": "digitale-tjenester", "text": "Tjenesteforumet støtter forslaget."}


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("anonymous", 401),
        ("observator", 403),
        ("leder-fin", 403),
        ("sekretariat", 201),
        ("koordinator", 201),
    ],
)
def test_only_the_coordinator_and_the_secretariat_add_advice(
    api_client_for, consultation, username, expected
):
    url = f"/api/v1/proposals/{consultation.pk}/advice/"
    response = api_client_for(username).post(url, ADVICE, format="json")
    assert response.status_code == expected
    assert Advice.objects.exists() == (expected == 201)
    if expected == 201:
        assert [a["forum"] for a in response.json()["advice"]] == ["digitale-tjenester"]
        shown = api_client_for("observator").get(f"/api/v1/proposals/{consultation.pk}/")
        assert shown.json()["advice"][0]["text"] == ADVICE["text"]


def test_advice_needs_one_service_forum_or_core_group(api_client_for, consultation):
    url = f"/api/v1/proposals/{consultation.pk}/advice/"
    client = api_client_for("sekretariat")
    answers = {}
    for language in ("nb", "en"):
        answers[language] = [
            client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE=language).json()
            for body in (
                {"text": "Råd"},  # neither
                {**ADVICE, "core_group": "KG1"},  # both
                {**ADVICE, "forum": "strategisk-forum"},  # not a service forum
            )
        ]
    assert [set(body) for body in answers["en"]] == [{"source"}] * 3
    assert answers["nb"] != answers["en"]
    assert not Advice.objects.exists()


def test_advice_on_a_withdrawn_proposal_is_a_conflict(api_client_for, consultation):
    proposal_withdraw(actor=user("koordinator"), proposal=consultation)
    url = f"/api/v1/proposals/{consultation.pk}/advice/"
    response = api_client_for("sekretariat").post(url, ADVICE, format="json")
    assert response.status_code == 409
    assert Proposal.objects.get(pk=consultation.pk).advice.count() == 0
