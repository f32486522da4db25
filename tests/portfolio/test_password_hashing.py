"""Passwords are stored with Argon2id at OWASP's parameters; an older PBKDF2 hash still logs
in and is replaced at that login."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from portfolio.accounts.hashers import Argon2idHasher

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = django_settings.PASSWORD_HASHERS


def test_a_new_password_is_hashed_with_argon2id_at_owasps_parameters(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    summary = Argon2idHasher().safe_summary(make_password("et langt passord"))
    assert summary["variety"] == "argon2id"
    assert (summary["memory cost"], summary["time cost"], summary["parallelism"]) == (
        19 * 1024,
        2,
        1,
    )


def test_an_older_pbkdf2_hash_logs_in_and_is_rehashed(settings, client):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    pbkdf2 = make_password("et langt passord", hasher="pbkdf2_sha256")
    person = get_user_model().objects.create(username="eldre", password=pbkdf2)
    refused = client.post("/logg-inn/", {"username": "eldre", "password": "feil passord"})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    person.refresh_from_db()
    assert person.password == pbkdf2
    client.post("/logg-inn/", {"username": "eldre", "password": "et langt passord"})
    assert client.session["_auth_user_id"] == str(person.pk)
    person.refresh_from_db()
    assert person.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
