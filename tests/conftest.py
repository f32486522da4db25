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


@pytest.fixture(scope="session", autouse=True)
def own_broker_and_folders(tmp_path_factory):
    """This test process publishes to a broker and writes files in folders of its own.

    With `pytest -n` each worker is such a process: parallel workers never take each other's
    messages (a folder or a Redis key prefix per process) nor see each other's files.
    """
    from django.conf import settings

    from tests.processes import RUN_PREFIX, broker_options, forget_broker_keys

    folder = tmp_path_factory.mktemp("own")
    own = {
        "CELERY_BROKER_TRANSPORT_OPTIONS": broker_options(folder / "celery", RUN_PREFIX),
        "MEDIA_ROOT": folder / "media",
        "EMAIL_FILE_PATH": str(folder / "mail"),
    }
    saved = {name: getattr(settings, name) for name in own}
    for name, value in own.items():
        setattr(settings, name, value)
    yield
    for name, value in saved.items():
        setattr(settings, name, value)
    forget_broker_keys(RUN_PREFIX)


@pytest.fixture(scope="session", autouse=True)
def tables_emptied_with_delete_on_postgresql():
    """After each transactional test (browser tests, real workers) Django empties every table.

    Its TRUNCATE of some 200 tables makes PostgreSQL replace each table's files: seconds per
    test, far more on a busy disk. DELETE does the same to these small tables in a fraction
    of that; the foreign keys are deferred, so the order does not matter. A flush that also
    resets the sequences (`manage.py restore --replace`) keeps TRUNCATE.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory):
    """An empty SQLite database, migrated once per test process, for tests whose real worker
    processes work on a file of their own (copy it with `processes.sqlite_copy`)."""
    from tests.processes import manage

    path = tmp_path_factory.mktemp("migrated") / "empty.sqlite3"
    manage({**os.environ, "DATABASE_URL": f"sqlite:///{path}"}, "migrate", "--noinput", "-v0")
    return path


@pytest.fixture(scope="session")
def django_db_setup(own_broker_and_folders, django_db_setup, django_db_blocker):
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
def reader(demo_users):
    """A new logged-in browser of the named demo user, with session and CSRF cookies as after
    the login form (each its own session, so no page cached for another answers it)."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(_user(username))
        client.cookies["csrftoken"] = "a" * 32
        return client

    return make


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
