"""Shared fixtures: the reference data, the demo cast, logged-in clients."""

import os

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from rest_framework.test import APIClient

# Playwright runs an event loop in the test thread; the ORM calls in browser tests are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _load_reference_data() -> None:
    call_command("load_reference_data", verbosity=0)


def _seed_demo() -> None:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS, DEMO_PASSWORD="demo"):
        call_command("seed_demo", "--force", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data and the demo cast once per run into the test database.

    Every ordinary test runs in a transaction that is rolled back, so each starts from this
    state; loading it per test would dominate the suite's time.
    """
    with django_db_blocker.unblock():
        _load_reference_data()
        _seed_demo()


@pytest.fixture
def reference_data(db):
    """The real reference data, as `manage.py load_reference_data` loads it."""
    from portfolio.models import Ministry

    if not Ministry.objects.exists():  # A transactional test before this one emptied the tables.
        _load_reference_data()


@pytest.fixture
def demo_users(reference_data, settings):
    """The demo cast of `manage.py seed_demo` (koordinator, sekretariat, leder-fin, …)."""
    from django.contrib.auth import get_user_model

    settings.DEMO_PASSWORD = "demo"
    if not get_user_model().objects.filter(username="koordinator").exists():
        _seed_demo()


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


@pytest.fixture
def celery_eager():
    """Run tasks in process, as a worker would, for tests that have no worker."""
    from strategyportal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Pages cached as in production (one process here, so its memory is the shared cache);
    those of one test's data must not answer the next test's requests."""
    from django.core.cache import cache

    settings.PAGE_CACHE = True

    cache.clear()
    yield
    cache.clear()
