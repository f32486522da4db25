"""SQL queries of one request per path, in process, logged in as the benchmark's user.

    DJANGO_SETTINGS_MODULE=bench.settings python bench/queries.py leder-fin /portefolje/ /

Prints one line per path: the path, the queries with an empty cache, then with a warm one
(the same user and session again: a cached page costs the session and the user only).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers={"host": "127.0.0.1"}, secure=False)
    if response.status_code != 200:
        raise SystemExit(f"{path}: status {response.status_code}")
    return len(queries)


def main(username: str, paths: list[str]) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    client.cookies["csrftoken"] = "b" * 32  # as a browser after the login form has it
    for path in paths:
        cache.clear()
        cold = count(client, path)
        warm = count(client, path)
        sys.stdout.write(f"{path} {cold} {warm}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
