"""Probes: /healthz answers while the process runs, /readyz only when it can do its work."""

import socket

import pytest


@pytest.fixture
def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_answers_without_login_or_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ready_when_database_broker_and_migrations_are(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_readyz_names_the_broker_when_it_is_down(client, settings, closed_port):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["failed"] == ["broker"]
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_probes_answer_any_host_name_and_no_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_other_methods_are_not_probes(client, db):
    assert client.post("/healthz").status_code != 200


@pytest.mark.django_db
def test_readyz_names_unapplied_migrations(client, monkeypatch):
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    from strategyportal import health

    monkeypatch.setattr(health, "_migrations_applied", False)
    # Forget the newest migration of the app, as a deploy that has not migrated yet would.
    app, name = MigrationLoader(connection).graph.leaf_nodes("portfolio")[0]
    MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["migrations"]
    assert response.json()["checks"]["migrations"] == "failed: 1 unapplied"


@pytest.mark.django_db
def test_readyz_is_for_the_orchestrator_alone(client, settings):
    """Its body names the database, the migrations and the broker: not for the public."""
    outside = client.get("/readyz", REMOTE_ADDR="203.0.113.9")
    assert outside.status_code == 404
    assert b"broker" not in outside.content
    through_proxy = client.get("/readyz", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert through_proxy.status_code == 404
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.9").status_code == 200
    settings.PROBE_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/readyz", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/readyz").status_code == 404
