"""The public API contract of proposals: paths, fields and status codes."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from forums.models import Proposal
from forums.services.proposals import proposal_create
from tests.forums.conftest import make_deadline_pass, user

pytestmark = pytest.mark.django_db


def test_token_journey_create_open_sign_read_close(demo_users):
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "koordinator", "password": "demo"}
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    created = client.post(
        "/api/v1/proposals/",
        {
            "title": "Felles IKT",
            "text": "Tilslutning",
            "deadline": "2099-03-01T12:00:00Z",
            "silent_consent": True,
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "draft" and body["silent_consent"] is True
    pk = body["id"]
    opened = client.post(f"/api/v1/proposals/{pk}/open/")
    assert (opened.status_code, opened.json()["status"]) == (200, "consultation")

    leder = APIClient()
    leder_token = leder.post(
        "/api/v1/auth/token/", {"username": "leder-fin", "password": "demo"}
    ).json()["token"]
    leder.credentials(HTTP_AUTHORIZATION=f"Token {leder_token}")
    first = leder.put(
        f"/api/v1/proposals/{pk}/positions/FIN/", {"position": "endorse"}, format="json"
    )
    again = leder.put(
        f"/api/v1/proposals/{pk}/positions/fin/",
        {"position": "object", "reason": "Mangler finansiering"},
        format="json",
    )
    assert (first.status_code, again.status_code) == (201, 200)

    detail = leder.get(f"/api/v1/proposals/{pk}/").json()
    assert (detail["status"], detail["version"]) == ("consultation", 1)
    positions = {row["ministry"]: row["position"] for row in detail["positions"]}
    assert len(positions) == 17
    assert positions["FIN"] == "object" and positions["KDD"] is None

    revised = client.post(f"/api/v1/proposals/{pk}/revise/", {"text": "Ny tekst"}, format="json")
    assert revised.status_code == 200 and revised.json()["version"] == 2
    assert all(row["position"] is None for row in revised.json()["positions"])

    make_deadline_pass(Proposal.objects.get(pk=pk))
    closed = client.post(f"/api/v1/proposals/{pk}/close/")
    assert (closed.status_code, closed.json()["status"]) == (200, "endorsed")
    assert len(closed.json()["silent"]) == 17
    assert client.post(f"/api/v1/proposals/{pk}/close/").status_code == 409


def test_bad_position_input_gives_400_with_field_errors(api_client_for, consultation):
    client = api_client_for("leder-fin")
    url = f"/api/v1/proposals/{consultation.pk}/positions/FIN/"
    unknown = client.put(url, {"position": "maybe"}, format="json")
    no_reason = client.put(url, {"position": "object", "reason": " "}, format="json")
    nul = client.put(url, {"position": "endorse", "reason": "a\x00b"}, format="json")
    too_long = client.put(url, {"position": "endorse", "reason": "x" * 5000}, format="json")
    assert unknown.status_code == 400 and "position" in unknown.json()
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert nul.status_code == 400 and "reason" in nul.json()
    assert too_long.status_code == 400 and "reason" in too_long.json()
    assert not consultation.changes.exists()


def test_bad_create_input_gives_400_and_writes_nothing(api_client_for):
    client = api_client_for("koordinator")
    response = client.post(
        "/api/v1/proposals/", {"title": "", "text": "x\x00", "deadline": "snart"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title", "text", "deadline"}
    assert not Proposal.objects.exists()


def test_positions_on_a_draft_or_closed_proposal_give_409(api_client_for, draft):
    leder, koordinator = api_client_for("leder-fin"), api_client_for("koordinator")
    url = f"/api/v1/proposals/{draft.pk}/positions/FIN/"
    assert leder.put(url, {"position": "endorse"}, format="json").status_code in (404,)
    assert koordinator.post(f"/api/v1/proposals/{draft.pk}/close/").status_code == 409
    koordinator.post(f"/api/v1/proposals/{draft.pk}/open/")
    koordinator.post(f"/api/v1/proposals/{draft.pk}/withdraw/")
    assert leder.put(url, {"position": "endorse"}, format="json").status_code == 409
    assert (
        koordinator.post(
            f"/api/v1/proposals/{draft.pk}/revise/", {"text": "x"}, format="json"
        ).status_code
        == 409
    )


def test_signing_for_another_ministry_gives_403(api_client_for, consultation):
    response = api_client_for("leder-fin").put(
        f"/api/v1/proposals/{consultation.pk}/positions/KDD/", {"position": "maybe"}, format="json"
    )
    assert response.status_code == 403


def test_the_list_hides_drafts_from_readers_and_filters(api_client_for, consultation):
    draft = proposal_create(
        actor=user("koordinator"),
        title="Utkast",
        text="x",
        deadline=timezone.now() + datetime.timedelta(days=1),
    )
    reader = api_client_for("observator").get("/api/v1/proposals/").json()
    assert [row["id"] for row in reader["results"]] == [consultation.pk]
    coordinator = api_client_for("koordinator")
    assert coordinator.get("/api/v1/proposals/").json()["count"] == 2
    assert coordinator.get("/api/v1/proposals/?status=draft").json()["count"] == 1
    assert api_client_for("observator").get(f"/api/v1/proposals/{draft.pk}/").status_code == 404
