"""Celery: the heartbeat task, the beat schedule, and a real worker and beat on the real broker."""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask

from portfolio.tasks import heartbeat
from tests.processes import (
    celery_env,
    sqlite_copy,
    start,
    start_worker,
    stop,
    task_successes,
    wait_for,
)


def test_heartbeat_returns_a_timestamp():
    assert heartbeat().startswith(str(time.localtime().tm_year))


@pytest.mark.django_db
def test_every_beat_entry_is_stored_with_an_expiry():
    from django_celery_beat.schedulers import ModelEntry

    from strategyportal.celery import app

    # What DatabaseScheduler.setup_schedule does with each entry at beat start-up.
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        ModelEntry.from_entry(name, app=app, **entry)
    stored = PeriodicTask.objects.filter(name__in=settings.CELERY_BEAT_SCHEDULE)
    assert stored.count() == len(settings.CELERY_BEAT_SCHEDULE)
    assert all(task.expire_seconds for task in stored)


@pytest.mark.slow
def test_beat_fires_the_heartbeat_through_a_real_worker(tmp_path: Path, migrated_sqlite_file):
    """Worker and beat as separate processes on the configured broker (Redis in CI).

    The test database of pytest is invisible to other processes, so the processes share a
    SQLite file of their own for results and the beat schedule.
    """
    database = sqlite_copy(migrated_sqlite_file, tmp_path)
    env = celery_env(tmp_path, DATABASE_URL=f"sqlite:///{database}", HEARTBEAT_SECONDS="2")
    logs = (tmp_path / "worker.log", tmp_path / "beat.log")
    processes = (
        start_worker(env, logs[0], "--pool=solo", "--concurrency=1"),
        start(env, logs[1], "beat", "-l", "INFO", f"--schedule={tmp_path / 'beat'}"),
    )
    try:
        wait_for(
            lambda: task_successes(database, "portfolio.tasks.heartbeat") >= 2,
            what="beat fires the heartbeat through the worker, twice",
            processes=processes,
            logs=logs,
        )
    finally:
        stop(*processes)
