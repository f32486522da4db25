"""The read API of the foundation: token login, ministries, measures, forums."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_token_login_and_use(demo_users):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "leder-fin", "password": "demo"})
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/ministries/").status_code == 200


def test_token_login_with_a_wrong_password_is_refused(demo_users):
    response = APIClient().post("/api/v1/auth/token/", {"username": "leder-fin", "password": "x"})
    assert response.status_code == 400
    assert "token" not in response.json()


@pytest.mark.parametrize("path", ["/api/v1/ministries/", "/api/v1/measures/", "/api/v1/forums/"])
def test_the_api_needs_a_login(api_client_for, path):
    anonymous = api_client_for("anonymous").get(path)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert api_client_for("observator").get(path).status_code == 200


def test_an_unknown_token_gets_401(demo_users):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert client.get("/api/v1/measures/").status_code == 401


def test_ministries_are_paginated_with_abbreviation_and_name(api_client_for):
    body = api_client_for("leder-fin").get("/api/v1/ministries/").json()
    assert body["count"] == 21
    fin = next(item for item in body["results"] if item["abbreviation"] == "FIN")
    assert fin["name"] == "Finansdepartementet"


def test_measures_list_has_the_public_fields(api_client_for):
    body = api_client_for("leder-fin").get("/api/v1/measures/").json()
    assert body["count"] == 7
    first = body["results"][0]
    assert {"code", "name", "lead_ministry", "status", "rag"} <= set(first)
    assert first["code"] == "T1"
    assert first["lead_ministry"] == "DFD"  # the lead of today (KDD until 2023)


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("lead_ministry=FIN", ["T4"]),
        ("target_area=MO3", ["T2", "T3"]),
        ("status=active&target_area=MO1", ["T1", "T4"]),
        ("status=stopped", []),
    ],
)
def test_measures_can_be_filtered(api_client_for, query, codes):
    body = api_client_for("leder-fin").get(f"/api/v1/measures/?{query}").json()
    assert [item["code"] for item in body["results"]] == codes


def test_strategic_forum_is_found_by_slug(api_client_for):
    body = api_client_for("leder-fin").get("/api/v1/forums/").json()
    slugs = [item["slug"] for item in body["results"]]
    assert "strategisk-forum" in slugs
    forum = api_client_for("leder-fin").get("/api/v1/forums/digitale-tjenester/").json()
    assert forum["advisory_only"] is True
    assert forum["measures"] == ["T5", "T6"]
