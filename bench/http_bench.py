"""HTTP benchmark (`make bench-http`): the portal under gunicorn with production settings, at 1×
and 100× the real data on PostgreSQL, against a trivial logged-in view (the floor), with wrk.

For each scale: build the database if it is missing (or always with BENCH_REBUILD=1), start
gunicorn (production settings, Redis cache) on it, log in as BENCH_USER through the login form,
then run wrk with BENCH_CONNECTIONS connections for BENCH_DURATION per path. Prints req/s, p50,
p99, response bytes, SQL queries (empty cache / warm cache) and req/s as a share of the floor
measured in the same run. Stops what it started.

Environment (defaults in brackets):
  BENCH_DB_SERVER       PostgreSQL server URL without a database [postgres://postgres@127.0.0.1:5432]
  BENCH_DB_1X, BENCH_DB_100X  database names [sp_bench_1x, sp_bench_100x]
  BENCH_REDIS_URL       cache and sessions [redis://127.0.0.1:6379/6]
  BENCH_SCALES [1,100], BENCH_PORT [8060], BENCH_USER [leder-fin]
  BENCH_WORKERS [3], BENCH_WORKER_CLASS [gthread], BENCH_THREADS [4]
  BENCH_CONNECTIONS [8], BENCH_DURATION [10s], BENCH_WARMUP (untimed, per path) [2s],
  BENCH_CONN_MAX_AGE [60]
  BENCH_PATHS           space-separated paths to measure after the floor [the issue's table
                        and the pages added since]
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
FLOOR = "/bench/trivial/"
PATHS = (
    "/portefolje/ / /tiltak/T5/ /saker/ /api/v1/measures/ /api/v1/proposals/"
    # The pages added since the table was measured.
    " /oppfolging/ /oppfolgingspunkter/ /journal/ /strategi/2021-2025/"
)
REAL_MEASURES = 7


def setting(name: str, default: str) -> str:
    return os.environ.get(name) or default


def emit(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def database_ready(server: str, name: str, scale: int) -> bool:
    """Whether the database holds a finished build of this scale (a build cut short does not)."""
    try:
        with psycopg.connect(f"{server}/{name}", autocommit=True) as connection:
            measures = connection.execute("SELECT count(*) FROM measures_measure").fetchone()[0]
            proposals = connection.execute("SELECT count(*) FROM forums_proposal").fetchone()[0]
    except psycopg.Error:
        return False
    return measures >= REAL_MEASURES * scale and proposals > 0


def recreate_database(server: str, name: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        ident = sql.Identifier(name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(ident))


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def prepare(env: dict, server: str, name: str, scale: int) -> None:
    """Build the database of one scale when missing; migrate it in any case."""
    fresh = os.environ.get("BENCH_REBUILD") == "1" or not database_ready(server, name, scale)
    if fresh:
        emit(f"bench-http: building {name} ({scale}×)")
        recreate_database(server, name)
    manage(env, "migrate", "--noinput", "-v", "0")
    if fresh:
        manage(env, "load_reference_data")
        manage(env, "seed_demo", "--force")
        measures = str(REAL_MEASURES * scale)
        manage(env, "generate_portfolio", "--measures", measures, "--periods", "6", "--force")
        manage(env, "generate_forum_activity", "--scale", str(scale), "--force")
    # Planner statistics for the data loaded, as autovacuum would gather them within minutes.
    with psycopg.connect(f"{server}/{name}", autocommit=True) as connection:
        connection.execute("ANALYZE")


def start_server(env: dict, port: int, logs: Path) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "strategyportal.wsgi:application",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        setting("BENCH_WORKERS", "3"),
        "-k",
        setting("BENCH_WORKER_CLASS", "gthread"),
        "--threads",
        setting("BENCH_THREADS", "4"),
        "--timeout",
        "60",
        "--keep-alive",
        "75",
        "--error-logfile",
        str(logs / "server.log"),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(60):
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=10).ok:
                return server
        except requests.RequestException:
            pass
        time.sleep(1)
    stop(server)
    raise SystemExit("bench-http: gunicorn did not become ready")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def log_in(base: str, username: str, password: str) -> str:
    """Log in through the login form; return the Cookie header wrk sends."""
    session = requests.Session()
    form = session.get(f"{base}/logg-inn/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if not token:
        raise SystemExit("bench-http: no CSRF token in the login form")
    response = session.post(
        f"{base}/logg-inn/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token[1]},
        headers={"Referer": f"{base}/logg-inn/"},
        timeout=60,
        allow_redirects=False,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise SystemExit(f"bench-http: login as {username} failed ({response.status_code})")
    return "; ".join(f"{key}={value}" for key, value in session.cookies.items())


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(url: str, cookie: str, duration: str = "") -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            setting("BENCH_CONNECTIONS", "8"),
            "-d",
            duration or setting("BENCH_DURATION", "10s"),
            "--latency",
            "--timeout",
            "30s",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", output)[1]),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", output)[1]),
        "failed": int(bad[1]) if bad else 0,
        "socket_errors": errors[1] if errors else "",
    }


def body_size(url: str, cookie: str) -> int:
    response = requests.get(url, headers={"Cookie": cookie}, timeout=60)
    if response.status_code != 200:
        raise SystemExit(f"bench-http: {url} answered {response.status_code}")
    return len(response.content)


def query_counts(env: dict, username: str, paths: list[str]) -> dict[str, str]:
    output = subprocess.run(
        [PY, "bench/queries.py", username, *paths],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts = {}
    for line in output.splitlines():
        path, cold, warm = line.split()
        counts[path] = f"{cold} / {warm}"
    return counts


def bench_scale(scale: int, name: str, base_env: dict, logs: Path) -> list[str]:
    server_url = setting("BENCH_DB_SERVER", "postgres://postgres@127.0.0.1:5432")
    env = {**base_env, "DATABASE_URL": f"{server_url}/{name}"}
    prepare(env, server_url, name, scale)
    port = int(setting("BENCH_PORT", "8060"))
    base = f"http://127.0.0.1:{port}"
    username = setting("BENCH_USER", "leder-fin")
    paths = [FLOOR, *setting("BENCH_PATHS", PATHS).split()]
    counts = query_counts(env, username, paths)
    server = start_server(env, port, logs)
    rows = []
    try:
        cookie = log_in(base, username, env["DEMO_PASSWORD"])
        # Every worker thread answers each path once before anything is timed: the first
        # requests of a new process load templates, catalogues and connections, and the
        # first request of a page fills its cache; neither is the steady state measured here.
        for path in paths:
            run_wrk(base + path, cookie, setting("BENCH_WARMUP", "2s"))
        floor = None
        for path in paths:
            size = body_size(base + path, cookie)
            result = run_wrk(base + path, cookie)
            floor = floor or result["rps"]
            share = 100 * result["rps"] / floor
            tail = result["p99"] / result["p50"] if result["p50"] else 0
            notes = []
            if result["failed"]:
                notes.append(f"{result['failed']} non-2xx")
            if result["socket_errors"]:
                notes.append(f"socket errors {result['socket_errors']}")
            rows.append(
                f"| {scale}× | `{path}` | {result['rps']:.0f} | {result['p50']:.1f} | "
                f"{result['p99']:.1f} | {tail:.1f} | {size / 1024:.1f} | {counts[path]} | "
                f"{share:.0f} % | {', '.join(notes)} |"
            )
            emit(rows[-1])
    finally:
        stop(server)
    return rows


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("bench-http: wrk is missing (make apt PACKAGES=wrk)")
    logs = Path(tempfile.mkdtemp(prefix="bench-http-"))
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": f"bench-{os.getpid()}-{time.time()}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": setting("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6"),
        "CELERY_BROKER_URL": setting("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6"),
        "CONN_MAX_AGE": setting("BENCH_CONN_MAX_AGE", "60"),
        "DEMO_PASSWORD": setting("BENCH_PASSWORD", "demo"),
        "AXES_FAILURE_LIMIT": "1000",
    }
    names = {
        1: setting("BENCH_DB_1X", "sp_bench_1x"),
        100: setting("BENCH_DB_100X", "sp_bench_100x"),
    }
    scales = [int(s) for s in setting("BENCH_SCALES", "1,100").split(",")]
    manage(
        base_env | {"DATABASE_URL": "sqlite:///:memory:"}, "collectstatic", "--noinput", "-v", "0"
    )
    emit(
        f"bench-http: gunicorn -w {setting('BENCH_WORKERS', '3')} "
        f"-k {setting('BENCH_WORKER_CLASS', 'gthread')} --threads {setting('BENCH_THREADS', '4')}, "
        f"CONN_MAX_AGE={base_env['CONN_MAX_AGE']}, wrk -c {setting('BENCH_CONNECTIONS', '8')} "
        f"-d {setting('BENCH_DURATION', '10s')}; load: {os.getloadavg()}"
    )
    emit(
        "| scale | path | req/s | p50 ms | p99 ms | p99/p50 | KiB | queries (cold / warm) "
        "| of floor | notes |"
    )
    emit("|---|---|---|---|---|---|---|---|---|---|")
    try:
        for scale in scales:
            bench_scale(scale, names.get(scale, f"sp_bench_{scale}x"), base_env, logs)
    finally:
        emit(f"bench-http: load average at the end {os.getloadavg()}")
        server_log = logs / "server.log"
        if server_log.exists() and "Traceback" in server_log.read_text():
            emit(f"bench-http: tracebacks in {logs / 'server.log'}")
        else:
            shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    main()
