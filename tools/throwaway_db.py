"""A throwaway PostgreSQL database beside the one DATABASE_URL names, for the fuzz and load runs.

    python tools/throwaway_db.py create postgres://user@host:5432/strategyportal fuzz
        drops and creates strategyportal_fuzz, prints postgres://user@host:5432/strategyportal_fuzz
    python tools/throwaway_db.py drop postgres://user@host:5432/strategyportal_fuzz

The statements run in the server's maintenance database `postgres`, so the database of the
given URL need not exist.
"""

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def _with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name:
        raise SystemExit(f"No database name in {url!r}")
    return name


def _run(url: str, *statements: sql.Composable) -> None:
    with psycopg.connect(_with_name(url, "postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def drop(url: str) -> None:
    name = sql.Identifier(_name(url))
    _run(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def create(url: str, suffix: str) -> str:
    """Drop and create `<name>_<suffix>`; return its URL."""
    if urlsplit(url).scheme not in {"postgres", "postgresql", "pgsql", "psql"}:
        raise SystemExit(f"Not a PostgreSQL URL: {url!r}")
    target = _with_name(url, f"{_name(url)}_{suffix}")
    drop(target)
    _run(url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(_name(target))))
    return target


def main(argv: list[str]) -> None:
    if len(argv) == 3 and argv[0] == "create":
        sys.stdout.write(create(argv[1], argv[2]) + "\n")
    elif len(argv) == 2 and argv[0] == "drop":
        drop(argv[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
