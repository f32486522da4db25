"""Real Celery workers and beats for the tests that need them, on the configured broker.

The broker is CELERY_BROKER_URL from the environment (Redis in CI) or a file-system broker in
the test's temporary folder. Each test gets a broker of its own: a folder, or on Redis a key
prefix, so tests running side by side (pytest -n) never take each other's messages. The
database is either one the processes migrate themselves (`manage`) or the test's own database,
shared through `shared_database`.

Waits poll with a generous deadline: on a loaded machine a worker can take half a minute to
start, and a passing test never waits for the deadline.
"""

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.db import connection

CELERY = [sys.executable, "-m", "celery", "-A", "strategyportal"]
# The Redis key prefix of this test process; each test's processes get one below it.
RUN_PREFIX = f"test-{os.getpid()}:"
PATIENCE = 180.0  # seconds
T = TypeVar("T")


def broker_options(folder: Path, key_prefix: str) -> dict[str, Any]:
    """CELERY_BROKER_TRANSPORT_OPTIONS for a broker of its own: `folder` or the Redis `key_prefix`."""
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        return {**settings.CELERY_BROKER_TRANSPORT_OPTIONS, "global_keyprefix": key_prefix}
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
    }


def forget_broker_keys(prefix: str = RUN_PREFIX) -> None:
    """Delete what this test process left on a Redis broker (messages nobody consumed)."""
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        return
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    with contextlib.closing(client):
        keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
        if keys:
            client.delete(*keys)


def celery_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a Celery process: a broker of the test's own, tasks not eager."""
    return {
        **os.environ,
        "CELERY_DATA_DIR": str(tmp_path / "celery"),
        "CELERY_BROKER_KEY_PREFIX": f"{RUN_PREFIX}{tmp_path.name}:",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "strategyportal.settings",
        **extra,
    }


def publish_like(env: dict[str, str], test_settings: Any) -> None:
    """Let this process publish where processes started with `env` consume."""
    test_settings.CELERY_BROKER_TRANSPORT_OPTIONS = broker_options(
        Path(env["CELERY_DATA_DIR"]), env["CELERY_BROKER_KEY_PREFIX"]
    )


def manage(env: dict[str, str], *args: str) -> None:
    """Run a management command in a process of its own; fail with its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    if result.returncode:
        raise AssertionError(
            f"manage.py {' '.join(args)}: exit {result.returncode}\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )


def start(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen:
    """Start `celery <args>` with its output in `log`, in a process group of its own."""
    with log.open("ab") as output:
        return subprocess.Popen(
            [*CELERY, *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that stop() and a SIGKILL reach its pool processes too
        )


def start_worker(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen:
    """A worker without gossip and mingle (they only slow the start-up down)."""
    name = f"test-{os.getpid()}-{time.monotonic_ns()}@localhost"
    return start(
        env, log, "worker", "-l", "INFO", "--without-gossip", "--without-mingle", "-n", name, *args
    )


def stop(*processes: subprocess.Popen) -> None:
    """Stop each process (a worker stops its pool); SIGKILL what is left after 15 s.

    The signal goes to the main process only: a pool process that receives it too dies in the
    middle of its task, and the worker then waits for the lost task before it stops.
    """
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # pool processes left behind


def wait_for(
    condition: Callable[[], T],
    *,
    what: str,
    timeout: float = PATIENCE,
    processes: tuple[subprocess.Popen, ...] = (),
    logs: tuple[Path, ...] = (),
) -> T:
    """Poll until `condition()` is true and return its value; fail with the logs' tails."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        dead = [process.args[5] for process in processes if process.poll() is not None]
        if dead or time.monotonic() > deadline:
            tails = "\n".join(
                f"--- {log}\n{log.read_text(errors='replace')[-3000:]}" for log in logs
            )
            problem = f"died: {dead}" if dead else f"not within {timeout} s"
            raise AssertionError(f"{what}: {problem}\n{tails}")
        time.sleep(0.2)


def sqlite_copy(migrated: Path, folder: Path) -> Path:
    """A copy of the migrated empty database in `folder`: migrating anew takes many seconds."""
    return Path(shutil.copyfile(migrated, folder / "processes.sqlite3"))


def task_successes(database: Path, task_name: str) -> int:
    """How many runs of `task_name` succeeded, in the results of a SQLite file of the processes."""
    with contextlib.closing(sqlite3.connect(database, timeout=5)) as db:
        row = db.execute(
            "SELECT COUNT(*) FROM django_celery_results_taskresult "
            "WHERE task_name = ? AND status = 'SUCCESS'",
            (task_name,),
        ).fetchone()
    return row[0]


@contextlib.contextmanager
def shared_database(folder: Path) -> Iterator[str]:
    """The DATABASE_URL under which other processes see this test's database.

    Needs a transactional test, so that what the test writes is committed. On PostgreSQL it
    is the test database itself. On SQLite pytest's test database lives in this process's
    memory: it is copied to a file, and this process works on that file until the block ends.
    """
    if connection.vendor == "postgresql":
        yield _postgres_url(connection.settings_dict)
        return
    path = folder / "shared.sqlite3"
    connection.ensure_connection()
    memory = connection.connection
    with contextlib.closing(sqlite3.connect(path)) as copy:
        memory.backup(copy)
    shared = connection.get_new_connection({**connection.get_connection_params(), "database": path})
    shared.isolation_level = None  # autocommit, as Django keeps its own connection
    connection.connection = shared
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.connection = memory
        shared.close()


def _postgres_url(database: dict[str, Any]) -> str:
    user = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        user += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"
