"""Lockout after repeated failed logins (django-axes), unlock, and the throttled API token endpoint."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle


def _login(client: Client, password: str):
    return client.post("/logg-inn/", {"username": "leder-fin", "password": password})


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def test_wrong_password_below_the_limit_shows_the_form_again(demo_users, limit):
    client = Client()
    for _ in range(limit - 1):
        response = _login(client, "feil")
        assert response.status_code == 200
        assert (
            "Wrong user name or password" in response.content.decode()
            or response.context["form"].errors
        )
    assert _login(client, "demo").status_code == 302


def test_lockout_after_the_configured_number_of_failures(demo_users, limit):
    client = Client()
    for _ in range(limit - 1):
        assert _login(client, "feil").status_code == 200
    response = _login(client, "feil")
    assert response.status_code == 429
    assert "portfolio/accounts/lockout.html" in [t.name for t in response.templates]
    # Even the right password is refused while locked out.
    response = _login(client, "demo")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_translated(demo_users, limit):
    client = Client(headers={"accept-language": "nb"})
    for _ in range(limit):
        response = _login(client, "feil")
    page = response.content.decode()
    assert "Innloggingen er sperret" in page
    assert "leder-fin" in page

    client = Client(headers={"accept-language": "en"})
    client.cookies["django_language"] = "en"
    response = _login(client, "feil")
    assert response.status_code == 429
    assert "Login locked" in response.content.decode()


def test_lockout_is_per_user_and_address(demo_users, limit):
    client = Client()
    for _ in range(limit):
        _login(client, "feil")
    # Another user from the same address is not locked out.
    assert (
        client.post("/logg-inn/", {"username": "koordinator", "password": "demo"}).status_code
        == 302
    )
    # The same user from another address is not locked out.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(other, "demo").status_code == 302


def test_reset_command_unlocks(demo_users, limit):
    client = Client()
    for _ in range(limit):
        _login(client, "feil")
    assert _login(client, "demo").status_code == 429
    call_command("axes_reset_username", "leder-fin", verbosity=0)
    assert _login(client, "demo").status_code == 302


def test_admin_unlocks_by_deleting_the_attempt(demo_users, limit, client_for):
    client = Client()
    for _ in range(limit):
        _login(client, "feil")
    attempt = AccessAttempt.objects.get(username="leder-fin")

    # An ordinary user may not unlock.
    response = client_for("leder-fin").get(f"/admin/axes/accessattempt/{attempt.pk}/delete/")
    assert response.status_code == 302
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()

    admin = client_for("admin")
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert _login(client, "demo").status_code == 302


def _token(client: APIClient, password: str, username: str = "leder-fin"):
    return client.post("/api/v1/auth/token/", {"username": username, "password": password})


def test_token_endpoint_gives_a_token_before_the_limit(demo_users, limit):
    client = APIClient()
    for _ in range(limit - 1):
        assert _token(client, "feil").status_code == 400
    response = _token(client, "demo")
    assert response.status_code == 200
    assert response.json()["token"]


def test_token_endpoint_locks_out_after_the_limit(demo_users, limit):
    client = APIClient()
    for _ in range(limit - 1):
        assert _token(client, "feil").status_code == 400
    assert _token(client, "feil").status_code == 429
    response = _token(client, "demo")
    assert response.status_code == 429
    assert "token" not in response.json()
    # The web login of the same user from the same address is locked too.
    assert _login(Client(), "demo").status_code == 429


def test_token_endpoint_is_rate_limited_per_address(demo_users, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth-token": "3/minute"})
    client = APIClient()
    for username in ("a", "b", "c"):
        assert _token(client, "feil", username=username).status_code == 400
    response = _token(client, "demo")
    assert response.status_code == 429
    assert "token" not in response.json()
