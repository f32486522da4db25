"""Celery: the heartbeat task, the beat schedule, and a real worker and beat on the real broker."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask

from portfolio.tasks import heartbeat


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
def test_beat_fires_the_heartbeat_through_a_real_worker(tmp_path: Path):
    """Worker and beat as separate processes on the configured broker (Redis in CI).

    The test database of pytest is invisible to other processes, so the processes share a
    SQLite file of their own for results and the beat schedule.
    """
    database = tmp_path / "worker.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_DATA_DIR": str(tmp_path / "celery"),
        "HEARTBEAT_SECONDS": "2",
        "DJANGO_SETTINGS_MODULE": "strategyportal.settings",
    }
    root = Path(settings.BASE_DIR)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)
    celery = [sys.executable, "-m", "celery", "-A", "strategyportal"]
    processes = [
        subprocess.Popen(
            [
                *celery,
                "worker",
                "--concurrency=1",
                "--pool=solo",
                "--loglevel=WARNING",
                f"--hostname=test-{os.getpid()}@localhost",
            ],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        ),
        subprocess.Popen(
            [*celery, "beat", "--loglevel=WARNING", f"--schedule={tmp_path / 'beat'}"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        ),
    ]
    try:
        deadline = time.monotonic() + 60
        done = 0
        while time.monotonic() < deadline and done < 2:
            time.sleep(1)
            with sqlite3.connect(database) as connection:
                done = connection.execute(
                    "SELECT COUNT(*) FROM django_celery_results_taskresult "
                    "WHERE task_name = 'portfolio.tasks.heartbeat' AND status = 'SUCCESS'"
                ).fetchone()[0]
            assert all(process.poll() is None for process in processes), "a Celery process died"
        assert done >= 2, "beat did not fire the heartbeat through the worker within 60 s"
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
