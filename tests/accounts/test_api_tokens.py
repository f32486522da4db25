"""API tokens: JSON only in production, a lifetime, and their owner lists and revokes them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _token_client(username: str) -> tuple[APIClient, Token]:
    token, _made = Token.objects.get_or_create(user=get_user_model().objects.get(username=username))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client, token


def test_production_renders_json_only(demo_users):
    client, _token = _token_client("leder-fin")
    response = client.get("/api/v1/ministries/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_a_token_past_its_lifetime_is_refused(demo_users, settings):
    settings.API_TOKEN_LIFETIME = datetime.timedelta(days=30)
    client, token = _token_client("leder-fin")
    assert client.get("/api/v1/ministries/").status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=31))
    response = client.get("/api/v1/ministries/")
    assert response.status_code == 401
    assert Token.objects.filter(pk=token.pk).exists()  # refused, not silently replaced
    reader, reader_token = _token_client("koordinator")
    Token.objects.filter(pk=reader_token.pk).update(
        created=timezone.now() - datetime.timedelta(days=31)
    )
    assert reader.get("/api/v1/audit-events/").status_code == 401


def test_the_token_endpoint_replaces_an_expired_token(demo_users, settings):
    settings.API_TOKEN_LIFETIME = datetime.timedelta(days=30)
    _client, token = _token_client("leder-fin")
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=31))
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "leder-fin", "password": "demo"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["token"] != token.key
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert fresh.get("/api/v1/ministries/").status_code == 200


def test_the_owner_lists_and_revokes_their_tokens_through_the_api(demo_users):
    client, token = _token_client("leder-fin")
    _other, others = _token_client("leder-kd")
    listing = client.get("/api/v1/auth/tokens/")
    assert listing.status_code == 200
    assert [row["prefix"] for row in listing.json()] == [token.key[:6]]
    assert token.key not in listing.content.decode()
    assert client.delete("/api/v1/auth/tokens/").status_code == 204
    assert not Token.objects.filter(user__username="leder-fin").exists()
    assert Token.objects.filter(pk=others.pk).exists()  # nobody else's token is touched
    assert client.get("/api/v1/auth/tokens/").status_code == 401


def test_anonymous_callers_list_and_revoke_nothing(demo_users):
    _client, token = _token_client("leder-fin")
    assert APIClient().get("/api/v1/auth/tokens/").status_code == 401
    assert APIClient().delete("/api/v1/auth/tokens/").status_code == 401
    assert Token.objects.filter(pk=token.pk).exists()


def test_the_account_page_lists_and_revokes_the_token(client_for):
    _api, token = _token_client("leder-fin")
    client = client_for("leder-fin")
    page = client.get("/konto/").content.decode()
    assert token.key[:6] in page
    assert "Trekk tilbake API-nøkkelen" in page
    response = client.post("/konto/api-nokkel/trekk-tilbake/", follow=True)
    assert "API-nøkkelen er trukket tilbake." in response.content.decode()
    assert not Token.objects.filter(pk=token.pk).exists()
