"""Beat fires the wheel's task through a real Celery worker, over the configured broker.

The worker works on a migrated SQLite file of its own and runs `celery worker -B` on it; the broker is
CELERY_BROKER_URL from the environment (Redis in CI) or a file-system broker in a temporary
folder (see tests/processes.py).
"""

import datetime
import sqlite3
from pathlib import Path

import pytest

from tests.processes import celery_env, manage, sqlite_copy, start_worker, stop, wait_for

SETUP = """
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from forums.models import Forum
from forums.services.wheel import wheel_seed_demo
from django.conf import settings

wheel_seed_demo(forum=Forum.objects.get(slug="strategisk-forum"))
task = settings.CELERY_BEAT_SCHEDULE["forums.wheel-materialise"]["task"]
every, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
PeriodicTask.objects.update_or_create(
    name="test: materialise the wheel now",
    defaults={"task": task, "interval": every, "expire_seconds": 30},
)
"""


def _meetings(database: Path, year: int) -> int:
    with sqlite3.connect(database, timeout=5) as connection:
        row = connection.execute("SELECT COUNT(*) FROM forums_meeting WHERE year = ?", (year,))
        return row.fetchone()[0]


@pytest.mark.slow
def test_beat_fires_the_wheel_task_through_a_real_worker(tmp_path, migrated_sqlite_file):
    database = sqlite_copy(migrated_sqlite_file, tmp_path)
    env = celery_env(tmp_path, DATABASE_URL=f"sqlite:///{database}")
    manage(env, "load_reference_data")
    manage(env, "shell", "-c", SETUP)
    next_year = datetime.date.today().year + 1
    assert _meetings(database, next_year) == 0

    log = tmp_path / "worker.log"
    worker = start_worker(env, log, "-B", "--concurrency=1", "--purge")
    try:
        wait_for(
            lambda: _meetings(database, next_year) == 5,
            what="the wheel's meetings of next year",
            processes=(worker,),
            logs=(log,),
        )
        assert "forums.tasks.wheel_materialise" in log.read_text(errors="replace")
    finally:
        stop(worker)
