"""Shared fixtures: the reference data, the demo cast, logged-in clients."""

import os

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

# Playwright runs an event loop in the test thread; the ORM calls in browser tests are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def reference_data(db):
    """The real reference data, as `manage.py load_reference_data` loads it."""
    call_command("load_reference_data", verbosity=0)


@pytest.fixture
def demo_users(reference_data, settings):
    """The demo cast of `manage.py seed_demo` (koordinator, sekretariat, leder-fin, …)."""
    settings.DEMO_PASSWORD = "demo"
    call_command("seed_demo", "--force", verbosity=0)


@pytest.fixture
def client_for(demo_users):
    """A web client logged in as the named demo user; 'anonymous' gives a fresh client."""

    def make(username: str) -> Client:
        client = Client()
        if username != "anonymous":
            client.force_login(_user(username))
        return client

    return make


@pytest.fixture
def api_client_for(demo_users):
    """An API client authenticated as the named demo user; 'anonymous' is unauthenticated."""

    def make(username: str) -> APIClient:
        client = APIClient()
        if username != "anonymous":
            client.force_authenticate(_user(username))
        return client

    return make


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing demo passwords with the production hasher would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
