"""Benchmark: SQL queries and median/p95 time of the dashboard, the measures API list and the
measure page at 1×, 10× and 100× of the real portfolio (7 measures), with a trivial view as floor;
and of who owes what (/oppfolging/), the follow-up actions (page and API) and the largest minutes
page, as the coordinator, with a year of forum activity added at each scale
(generate_forum_activity: minutes with answers, follow-up actions, proposals).

    .venv/bin/python bench/run.py                     # fresh SQLite file in a temporary folder
    DATABASE_URL=postgres://…/sp_bench .venv/bin/python bench/run.py --requests 20

Requests go through Django's test client in-process (no network, no web server), logged in
as an admin head, so the figures are the application's own cost.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategyportal.settings")
os.environ.setdefault("DEBUG", "true")  # a benchmark on a throwaway database
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

REAL_MEASURES = 7
TARGETS = [
    ("trivial view (floor)", "/bench/trivial/"),
    ("dashboard /portefolje/", "/portefolje/"),
    ("API /api/v1/measures/", "/api/v1/measures/"),
    ("measure page /tiltak/T5/", "/tiltak/T5/"),
]
# Pages that only the coordinator sees whole.
COORDINATOR_TARGETS = [
    ("who owes what /oppfolging/", "/oppfolging/"),
    ("follow-up actions, all ministries", "/oppfolgingspunkter/?ministry="),
    ("API /api/v1/follow-up-actions/", "/api/v1/follow-up-actions/"),
]


def largest_minutes() -> tuple[str, str]:
    """The minutes page with the most entries, as the coordinator sees it."""
    from django.db.models import Count
    from django.urls import reverse

    from forums.models import Minutes

    minutes = Minutes.objects.annotate(size=Count("entries")).order_by("-size", "pk").first()
    assert minutes is not None, "generate_forum_activity made no minutes"
    return "largest minutes page", reverse("forums:minutes", args=[minutes.meeting_id])


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def measure(client: Client, url: str, requests: int) -> tuple[int, float, float]:
    for _ in range(3):  # warm caches (templates, translations, connection)
        client.get(url)
    reset_queries()  # each request clears the log as it starts; start the count from empty
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return len(queries), statistics.median(times), p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--periods", type=int, default=6)
    parser.add_argument("--scales", default="1,10,100")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    settings.DEMO_PASSWORD = "demo"
    call_command("seed_demo", "--force", verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.get(username="leder-fin"))
    coordinator = Client()
    coordinator.force_login(get_user_model().objects.get(username="koordinator"))

    emit(f"database: {connection.vendor}, {args.requests} timed requests per row")
    emit("| scale | measures | view | SQL queries | median ms | p95 ms |")
    emit("|---|---|---|---|---|---|")
    with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver"]):
        for scale in (int(s) for s in args.scales.split(",")):
            total = REAL_MEASURES * scale
            call_command(
                "generate_portfolio",
                "--measures",
                str(total),
                "--periods",
                str(args.periods),
                "--force",
                verbosity=0,
            )
            call_command("generate_forum_activity", "--scale", str(scale), "--force", verbosity=0)
            pages = [(client, *target) for target in TARGETS]
            pages += [(coordinator, *target) for target in COORDINATOR_TARGETS]
            pages.append((coordinator, *largest_minutes()))
            for who, label, url in pages:
                queries, median, p95 = measure(who, url, args.requests)
                emit(f"| {scale}× | {total} | {label} | {queries} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
