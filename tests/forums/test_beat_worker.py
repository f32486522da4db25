"""Beat fires the wheel's task through a real Celery worker, over the configured broker.

The worker cannot see pytest's test database, so this test migrates its own SQLite file and
points a `celery worker -B` process at it; the broker is CELERY_BROKER_URL from the
environment (Redis in CI) or a file-system broker in a temporary folder.
"""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

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


WORKER = [sys.executable, "-m", "celery", "-A", "strategyportal", "worker", "-B", "-l", "INFO"]


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def _meetings(database: Path, year: int) -> int:
    with sqlite3.connect(database, timeout=5) as connection:
        row = connection.execute("SELECT COUNT(*) FROM forums_meeting WHERE year = ?", (year,))
        return row.fetchone()[0]


@pytest.mark.slow
def test_beat_fires_the_wheel_task_through_a_real_worker(tmp_path):
    database = tmp_path / "beat.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_DATA_DIR": str(tmp_path / "celery"),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_reference_data")
    _manage(env, "shell", "-c", SETUP)
    next_year = datetime.date.today().year + 1
    assert _meetings(database, next_year) == 0

    log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [*WORKER, "--concurrency=1", "--without-gossip", "--without-mingle", "--purge"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so beat's child stops with it
    )
    try:
        deadline = time.monotonic() + 55
        while time.monotonic() < deadline and worker.poll() is None:
            if _meetings(database, next_year) == 5:
                break
            time.sleep(0.5)
        output = (tmp_path / "worker.log").read_text(errors="replace")
        assert _meetings(database, next_year) == 5, output[-3000:]
        assert "forums.tasks.wheel_materialise" in output
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        log.close()
