"""Notification e-mails go through the outbox: a broker outage delays them, never loses them."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from portfolio.models import Notification, OutboxMessage


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.portfolio.outbox_urls")
def test_a_notifying_action_answers_during_an_outage_and_keeps_the_email(
    client, demo_users, settings
):
    settings.CELERY_BROKER_URL = _closed_port_url()

    response = client.get("/notify/?user=leder-fin&key=outage-mail")

    assert response.status_code == 200
    notification = Notification.objects.get(key="outage-mail")
    assert notification.emailed_at is None
    message = OutboxMessage.objects.get(key=f"notification-email:{notification.pk}")
    assert (message.task, message.kwargs) == (
        "portfolio.tasks.notification_email",
        {"pk": notification.pk},
    )
    assert message.sent_at is None and "connect" in message.last_error.lower()


def test_the_email_task_twice_sends_once(demo_users, mailoutbox):
    from portfolio.notifications import notification_send
    from portfolio.tasks import notification_email

    user = get_user_model().objects.get(username="leder-fin")
    [notification] = notification_send(recipients=[user], key="twice", subject=lambda: "Hei")

    assert notification_email(notification.pk) is True
    assert notification_email(notification.pk) is False
    assert len(mailoutbox) == 1


SETUP = """
from django.contrib.auth import get_user_model
get_user_model().objects.create_user("mottaker", email="mottaker@example.no", password="x")
"""

ACT = """
import sys
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.portfolio.outbox_urls", ALLOWED_HOSTS=["testserver"]):
    response = Client().get("/notify/?user=mottaker&key=later-mail")
assert response.status_code == 200, response.status_code
from portfolio.models import OutboxMessage
assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 1
"""

RESEND = """
from portfolio.models import Notification
from strategyportal.celery import app
app.send_task("portfolio.tasks.notification_email", kwargs={"pk": Notification.objects.get().pk})
"""


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, check=True)


def _done(database: Path) -> int:
    with sqlite3.connect(database, timeout=5) as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM django_celery_results_taskresult "
            "WHERE task_name = 'portfolio.tasks.notification_email' AND status = 'SUCCESS'"
        ).fetchone()[0]


@pytest.mark.slow
def test_after_the_outage_a_real_worker_delivers_the_email_exactly_once(tmp_path: Path):
    database = tmp_path / "outbox.sqlite3"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_DATA_DIR": str(tmp_path / "celery"),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "DJANGO_SETTINGS_MODULE": "strategyportal.settings",
    }
    _manage(env, "migrate", "-v0")
    _manage(env, "shell", "-c", SETUP)
    # The action happens while the broker is unreachable.
    _manage({**env, "CELERY_BROKER_URL": _closed_port_url()}, "shell", "-c", ACT)
    assert not mail_dir.exists() or not list(mail_dir.iterdir())

    # The broker is back: the flush publishes, a worker delivers.
    _manage(env, "outbox_flush")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "strategyportal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=mail-{os.getpid()}@localhost",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and _done(database) < 1:
            assert worker.poll() is None, "the worker died"
            time.sleep(0.5)
        assert _done(database) == 1, "the e-mail task did not run within 40 s"
        # A duplicate delivery of the same task (a republish after a crash) sends nothing.
        _manage(env, "outbox_flush")
        _manage(env, "shell", "-c", RESEND)
        while time.monotonic() < deadline and _done(database) < 2:
            time.sleep(0.5)
        assert _done(database) == 2
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
    sent = [path.read_text() for path in mail_dir.iterdir()]
    assert sum("later-mail" in text for text in sent) == 1
    assert all("mottaker@example.no" in text for text in sent)
