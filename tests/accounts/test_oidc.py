"""Single sign-on against a fake OpenID Connect provider: ministry and roles from the claims."""

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client
from guardian.shortcuts import get_perms

from portfolio import roles
from portfolio.accounts.models import ExternalIdentity
from portfolio.accounts.oidc import discovery
from portfolio.models import AuditEvent, Ministry
from tests.accounts import fake_oidc

User = get_user_model()

FIN_HEAD = {
    "sub": "a1b2c3",
    "preferred_username": "kari.nordmann",
    "email": "kari.nordmann@fin.dep.no",
    "given_name": "Kari",
    "family_name": "Nordmann",
    "ministry": "FIN",
    "roles": ["admin-head", "unknown-role"],
}


@pytest.fixture
def provider(settings, monkeypatch):
    settings.OIDC_RP_CLIENT_ID = fake_oidc.CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = fake_oidc.CLIENT_SECRET
    settings.OIDC_OP_ISSUER = fake_oidc.ISSUER
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "portfolio.accounts.oidc.MinistryOIDCBackend",
        "django.contrib.auth.backends.ModelBackend",
        "guardian.backends.ObjectPermissionBackend",
    ]
    fake = fake_oidc.FakeProvider()
    monkeypatch.setattr(requests, "get", fake.get)
    monkeypatch.setattr(requests, "post", fake.post)
    discovery.cache_clear()
    yield fake
    discovery.cache_clear()


def sso_login(client: Client, provider, claims: dict):
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    params = provider.authorize(response["Location"], claims)
    return client.get("/oidc/callback/", params)


def test_fin_user_gets_the_fin_ministry_and_the_admin_head_role(provider, demo_users):
    client = Client()
    response = sso_login(client, provider, FIN_HEAD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(external_identities__subject="a1b2c3")
    assert user.username == "kari.nordmann"
    assert user.get_full_name() == "Kari Nordmann"
    assert user.profile.ministry.abbreviation == "FIN"
    assert set(user.groups.values_list("name", flat=True)) == {roles.ADMIN_HEAD}
    assert "sign_for_ministry" in get_perms(user, Ministry.objects.get(abbreviation="FIN"))
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditEvent.objects.filter(kind="user.sso_created", target_id=str(user.pk)).exists()
    # The whole flow went through the provider's endpoints, found by discovery.
    assert provider.calls == [
        f"GET {fake_oidc.ISSUER}/.well-known/openid-configuration",
        f"POST {fake_oidc.ISSUER}/token",
        f"GET {fake_oidc.ISSUER}/jwks",
        f"GET {fake_oidc.ISSUER}/userinfo",
    ]
    page = client.get("/").content.decode()
    assert "FIN – Finansdepartementet" in page


def test_next_login_finds_the_same_user_and_follows_the_claims(provider, demo_users):
    sso_login(Client(), provider, FIN_HEAD)
    moved = {**FIN_HEAD, "ministry": "dfd", "roles": "coordinator observer"}
    response = sso_login(Client(), provider, moved)

    assert response.status_code == 302
    user = User.objects.get(external_identities__subject="a1b2c3")
    assert User.objects.filter(username__startswith="kari").count() == 1
    assert user.profile.ministry.abbreviation == "DFD"
    assert set(user.groups.values_list("name", flat=True)) == {
        roles.COORDINATOR,
        roles.OBSERVER,
    }
    # No longer admin head: may no longer sign for FIN.
    assert get_perms(user, Ministry.objects.get(abbreviation="FIN")) == []
    # The move between ministries is in the profile's field history, by the user, on the web.
    moves = user.profile.history.order_by("history_id")
    assert [row.ministry.abbreviation for row in moves] == ["FIN", "DFD"]
    assert {(row.history_user, row.history_channel) for row in moves} == {(user, "ui")}


def test_unknown_ministry_is_refused_and_no_account_is_created(provider, demo_users):
    users_before = User.objects.count()
    client = Client()
    response = sso_login(client, provider, {**FIN_HEAD, "ministry": "XYZ"})

    assert response.status_code == 302
    assert response["Location"] == "/konto/sso-avvist/"
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert "XYZ" in page.content.decode()
    assert "No account has been created" in page.content.decode() or (
        "Ingen konto er opprettet" in page.content.decode()
    )
    assert User.objects.count() == users_before
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_missing_ministry_claim_is_refused(provider, demo_users):
    claims = {key: value for key, value in FIN_HEAD.items() if key != "ministry"}
    users_before = User.objects.count()
    response = sso_login(Client(), provider, claims)
    assert response["Location"] == "/konto/sso-avvist/"
    assert User.objects.count() == users_before


def test_ministry_that_no_longer_exists_is_refused(provider, demo_users):
    old = Ministry.objects.exclude(valid_to=None).first()
    if old is None:
        pytest.skip("the reference data has no closed ministry")
    response = sso_login(Client(), provider, {**FIN_HEAD, "ministry": old.abbreviation})
    assert response["Location"] == "/konto/sso-avvist/"
    assert not ExternalIdentity.objects.exists()


def test_token_signed_with_another_key_is_refused(provider, demo_users):
    provider.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    users_before = User.objects.count()
    client = Client()
    response = sso_login(client, provider, FIN_HEAD)
    assert response["Location"] == "/konto/sso-avvist/"
    assert User.objects.count() == users_before
    assert "_auth_user_id" not in client.session


def test_token_for_another_client_is_refused(provider, demo_users):
    provider.audience = "some-other-client"
    client = Client()
    response = sso_login(client, provider, FIN_HEAD)
    assert response["Location"] == "/konto/sso-avvist/"
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_provider_name_of_a_local_user_does_not_take_over_that_user(provider, demo_users):
    admin = User.objects.get(username="admin")
    response = sso_login(Client(), provider, {**FIN_HEAD, "preferred_username": "admin"})
    assert response.status_code == 302
    identity = ExternalIdentity.objects.get(subject="a1b2c3")
    assert identity.user != admin
    assert identity.user.username.startswith("sso-")


def test_login_page_shows_the_sso_button_only_when_configured(provider, demo_users, settings):
    page = Client().get("/logg-inn/").content.decode()
    assert 'href="/oidc/authenticate/"' in page

    settings.OIDC_ENABLED = False
    page = Client().get("/logg-inn/").content.decode()
    assert "/oidc/authenticate/" not in page
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/?code=x&state=y").status_code == 404


def test_local_login_still_works_when_sso_is_configured(provider, demo_users):
    client = Client()
    response = client.post("/logg-inn/", {"username": "leder-fin", "password": "demo"})
    assert response.status_code == 302
    assert provider.calls == []


def test_single_endpoints_work_without_discovery(provider, demo_users, settings):
    documents = provider.discovery()
    settings.OIDC_OP_ISSUER = ""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = documents["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = documents["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = documents["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = documents["jwks_uri"]
    response = sso_login(Client(), provider, FIN_HEAD)
    assert response["Location"] == "/"
    assert not any("well-known" in call for call in provider.calls)
    assert (
        User.objects.get(external_identities__subject="a1b2c3").profile.ministry.abbreviation
        == "FIN"
    )
