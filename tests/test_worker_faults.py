"""Faults of the background work, with real worker and beat processes on the configured broker.

A worker killed in the middle of a task: the task runs again and its effect happens once.
Two beat processes by mistake: no meeting, agenda item, notification or e-mail twice.
The processes share the test's database (PostgreSQL in CI, a copy of SQLite locally).
"""

import datetime
import os
import signal
import time
from email import message_from_string
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from django_celery_results.models import TaskResult

from forums.models import AgendaItem, Forum, Meeting, Proposal
from forums.services.meetings import meeting_recipients
from forums.services.proposals import proposal_create, proposal_open
from portfolio import roles
from portfolio.models import AuditEvent, Notification, OutboxMessage
from portfolio.notification_kinds import notification_kinds
from portfolio.notifications import notification_message_id, notification_send
from tests.processes import (
    celery_env,
    publish_like,
    shared_database,
    start,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LEASE = 2  # seconds an attempt holds a notification e-mail
VISIBILITY = 2  # seconds before Redis hands a message of a dead worker out again
FILESYSTEM = settings.CELERY_BROKER_URL.startswith("filesystem://")


@pytest.fixture
def process_env(transactional_db, demo_users, tmp_path, settings):
    """The Celery processes' environment: this test's database, e-mails as files in tmp/mail."""
    with shared_database(tmp_path) as url:
        env = celery_env(
            tmp_path,
            DATABASE_URL=url,
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(tmp_path / "mail"),
        )
        publish_like(env, settings)
        yield env


def _mails(folder: Path) -> list:
    if not folder.exists():
        return []
    return [
        message_from_string(part)
        for path in sorted(folder.iterdir())
        for part in path.read_text().split("\n" + "-" * 79 + "\n")
        if part.strip()
    ]


def _ready(log: Path) -> bool:
    return log.exists() and " ready." in log.read_text(errors="replace")


@pytest.mark.parametrize("victim", ["worker", "pool process"])
def test_a_worker_killed_while_sending_an_email_sends_it_once(victim, process_env, tmp_path):
    if victim == "worker" and FILESYSTEM:
        pytest.skip(
            "The file-system broker deletes a message when a worker takes it, so a worker "
            "killed with SIGKILL takes the message along and nothing delivers it again; "
            "Redis (CI) hands it out again after the visibility timeout."
        )
    mail = tmp_path / "mail"
    env = {
        **process_env,
        "EMAIL_BACKEND": "tests.stalling_mail.EmailBackend",
        "NOTIFICATION_EMAIL_LEASE_SECONDS": str(LEASE),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
        "CELERY_WORKER_LOST_WAIT": "1",
    }
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, "--concurrency=1", "--purge")
    processes = [worker]
    try:
        wait_for(lambda: _ready(log), what="worker start", processes=(worker,), logs=(log,))
        user = get_user_model().objects.create_user("mottaker", email="mottaker@example.no")
        [notification] = notification_send(
            recipients=[user], key="killed-worker", subject=lambda: "Innkalling"
        )  # Published to the broker on commit.
        stalled = Path(f"{mail}.stalled")
        sender = int(
            wait_for(
                lambda: stalled.exists() and stalled.read_text(),
                what="the e-mail task starts sending",
                processes=(worker,),
                logs=(log,),
            )
        )
        assert Notification.objects.get(pk=notification.pk).email_claimed_until is not None
        if victim == "worker":
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            time.sleep(VISIBILITY)  # The new worker takes the message back when it starts.
            worker = start_worker(env, log, "--concurrency=1")
            processes.append(worker)
        else:
            assert sender != worker.pid
            os.kill(sender, signal.SIGKILL)

        wait_for(
            lambda: Notification.objects.get(pk=notification.pk).emailed_at,
            what="the e-mail is sent after the kill",
            processes=(worker,),
            logs=(log,),
        )
    finally:
        stop(*processes)
    [message] = _mails(mail)
    assert message["To"] == "mottaker@example.no"
    assert message["Message-ID"] == notification_message_id(notification)
    notification.refresh_from_db()
    assert notification.email_claimed_until is None


TEST_SCHEDULE = [
    "forums.tasks.wheel_materialise",
    "forums.tasks.meeting_notices_send",
    "forums.tasks.meeting_papers_remind",
    "forums.tasks.meeting_minutes_remind",
    "forums.tasks.proposals.remind_missing_positions",
    "forums.tasks.proposals.close_due_proposals",
    "portfolio.tasks.outbox_flush",
]


def _two_beats_setup() -> dict:
    """Due work of every kind: a wheel to materialise, notices, reminders, a proposal to close."""
    forum = Forum.objects.get(slug="strategisk-forum")
    now = timezone.now()
    soon = Meeting.objects.create(
        forum=forum,
        year=(now + datetime.timedelta(days=5)).year,
        title="Ekstraordinært møte",
        starts_at=now + datetime.timedelta(days=5),
        ends_at=now + datetime.timedelta(days=5, hours=2),
    )
    held = now - datetime.timedelta(days=20)
    past = Meeting.objects.create(
        forum=forum,
        year=held.year,
        title="Forrige møte",
        starts_at=held,
        ends_at=held + datetime.timedelta(hours=2),
    )
    coordinator = get_user_model().objects.get(username="koordinator")
    reminded, closing = (
        proposal_open(
            actor=coordinator,
            proposal=proposal_create(
                actor=coordinator,
                title=title,
                text="Strategisk forum bes gi tilslutning.",
                deadline=now + datetime.timedelta(days=1),
            ),
        )
        for title in ("Frist i morgen", "Frist passert")
    )
    closing.deadline = now - datetime.timedelta(minutes=1)  # as time passing would
    closing.save(update_fields=["deadline"])
    every, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.SECONDS)
    for task in TEST_SCHEDULE:
        PeriodicTask.objects.create(
            name=f"test {task}", task=task, interval=every, expire_seconds=10
        )
    return {"soon": soon, "past": past, "reminded": reminded, "closing": closing}


def _sent_by_each(logs: tuple[Path, ...]) -> bool:
    texts = [log.read_text(errors="replace") if log.exists() else "" for log in logs]
    return all(f"Sending due task test {task}" in text for text in texts for task in TEST_SCHEDULE)


def _emailed_at_once():
    """The notifications of the kinds e-mailed at once by default (nobody here chose otherwise);
    the others (a passed deadline) wait for the daily digest."""
    kinds = [kind for kind, declared in notification_kinds().items() if declared.default == "email"]
    return Notification.objects.exclude(recipient__email="").filter(kind__in=kinds)


def _settled() -> bool:
    """Every scheduled task ran twice, every notification is e-mailed, the outbox is empty."""
    runs = dict(
        TaskResult.objects.filter(status="SUCCESS", task_name__in=TEST_SCHEDULE)
        .values_list("task_name")
        .annotate(Count("id"))
    )
    pending = _emailed_at_once().filter(emailed_at__isnull=True)
    return (
        all(runs.get(task, 0) >= 2 for task in TEST_SCHEDULE)
        and not pending.exists()
        and not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    )


def test_two_beats_by_mistake_do_nothing_twice(process_env, tmp_path):
    env, mail = process_env, tmp_path / "mail"
    due = _two_beats_setup()  # Opening the proposals notifies: those e-mails wait in the queue.
    logs = (tmp_path / "beat-1.log", tmp_path / "beat-2.log")
    worker_log = tmp_path / "worker.log"
    processes = (
        start_worker(env, worker_log, "--concurrency=2"),
        *(start(env, log, "beat", "-l", "INFO") for log in logs),
    )
    try:
        wait_for(
            lambda: _sent_by_each(logs),
            what="each beat sends each task",
            processes=processes,
            logs=(*logs, worker_log),
        )
        wait_for(_settled, what="the work is done", processes=processes, logs=(worker_log,))
        time.sleep(2)  # a last round of both beats, to catch a late duplicate
    finally:
        stop(*processes)

    # The wheel: one meeting per slot and year from today on, each with its standing topics.
    today = timezone.localdate()
    wheel = Forum.objects.get(slug="strategisk-forum").wheel
    expected = {
        (slot.pk, year): slot.topics
        for slot in wheel.slots.all()
        for year in (today.year, today.year + 1)
        if slot.date_in(year) >= today
    }
    made = {(m.slot_id, m.year): m for m in Meeting.objects.filter(slot__isnull=False)}
    assert set(made) == set(expected)
    for key, meeting in made.items():
        titles = list(meeting.agenda_items.order_by("number").values_list("title", flat=True))
        assert titles == expected[key]
    assert AgendaItem.objects.count() == sum(len(topics) for topics in expected.values())
    events = AuditEvent.objects.filter(kind="meeting.materialised")
    assert sorted(int(e.target_id) for e in events) == sorted(m.pk for m in made.values())

    # Notices and reminders: one notification per recipient, one audit event per meeting.
    soon, past = due["soon"], due["past"]
    secretariat = get_user_model().objects.filter(groups__name=roles.SECRETARIAT, is_active=True)
    for key, recipients in [
        (f"meeting:{soon.pk}:notice", meeting_recipients(soon)),
        (f"meeting:{soon.pk}:papers", meeting_recipients(soon)),
        (f"meeting:{past.pk}:minutes-due", list(secretariat)),
    ]:
        stored = Notification.objects.filter(key=key)
        assert sorted(stored.values_list("recipient", flat=True)) == sorted(
            user.pk for user in recipients
        ), key
    for kind, meeting in [
        ("meeting.notice_sent", soon),
        ("meeting.papers_reminded", soon),
        ("meeting.minutes_reminded", past),
    ]:
        targets = list(AuditEvent.objects.filter(kind=kind).values_list("target_id", flat=True))
        assert str(meeting.pk) in targets and len(targets) == len(set(targets)), kind

    # Proposals: closed once; each ministry without a position reminded once.
    closing, reminded = due["closing"], due["reminded"]
    closing.refresh_from_db()
    assert closing.status != Proposal.Status.CONSULTATION
    assert AuditEvent.objects.filter(kind="proposal.closed", target_id=str(closing.pk)).count() == 1
    reminders = AuditEvent.objects.filter(kind="proposal.reminded", target_id=str(reminded.pk))
    ministries = list(reminders.values_list("ministry", flat=True))
    assert ministries and len(ministries) == len(set(ministries))
    prefix = f"proposal:{reminded.pk}:v{reminded.version}:reminder:"
    assert Notification.objects.filter(key__startswith=prefix).count() >= len(ministries)

    # E-mails: exactly one per notification, each with the notification's own Message-ID.
    notifications = _emailed_at_once()
    assert notifications.exists()
    sent_ids = [message["Message-ID"] for message in _mails(mail)]
    assert sorted(sent_ids) == sorted(notification_message_id(n) for n in notifications)
    assert not TaskResult.objects.filter(status="FAILURE").exists()
