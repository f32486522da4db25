"""Notification e-mails go through the outbox: a broker outage delays them, never loses them."""

import socket
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from portfolio.models import Notification, OutboxMessage
from tests.processes import (
    celery_env,
    manage,
    sqlite_copy,
    start_worker,
    stop,
    task_successes,
    wait_for,
)


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


EMAIL_TASK = "portfolio.tasks.notification_email"


@pytest.mark.slow
def test_after_the_outage_a_real_worker_delivers_the_email_exactly_once(
    tmp_path: Path, migrated_sqlite_file
):
    database = sqlite_copy(migrated_sqlite_file, tmp_path)
    mail_dir = tmp_path / "mail"
    env = celery_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    manage(env, "shell", "-c", SETUP)
    # The action happens while the broker is unreachable.
    manage({**env, "CELERY_BROKER_URL": _closed_port_url()}, "shell", "-c", ACT)
    assert not mail_dir.exists() or not list(mail_dir.iterdir())

    # The broker is back: the flush publishes, a worker delivers.
    manage(env, "outbox_flush")
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, "--pool=solo")
    try:
        wait_for(
            lambda: task_successes(database, EMAIL_TASK) >= 1,
            what="the e-mail task runs",
            processes=(worker,),
            logs=(log,),
        )
        assert task_successes(database, EMAIL_TASK) == 1
        # A duplicate delivery of the same task (a republish after a crash) sends nothing.
        manage(env, "outbox_flush")
        manage(env, "shell", "-c", RESEND)
        wait_for(
            lambda: task_successes(database, EMAIL_TASK) >= 2,
            what="the repeated e-mail task runs",
            processes=(worker,),
            logs=(log,),
        )
        assert task_successes(database, EMAIL_TASK) == 2
    finally:
        stop(worker)
    sent = [path.read_text() for path in mail_dir.iterdir()]
    assert sum("later-mail" in text for text in sent) == 1
    assert all("mottaker@example.no" in text for text in sent)
