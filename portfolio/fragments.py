"""Parts of pages shared between readers, cached until a table they read changes.

A page's costly part that is the same for many readers (the portfolio overview, the measures
of a ministry) is computed once and kept in the shared cache, while the reader's own parts
(what waits for their ministry, their notifications) are computed for each request.

While a part is computed, the SQL it runs is watched: each table it reads is noted with the
version that table had just before the query. Every write (INSERT, UPDATE, DELETE) through any
of the portal's database connections, in web, worker and command processes alike, gives the
tables it wrote a new version when its transaction commits. A stored part is served only while
every table it read still has the version noted, so a part that reads measures stays cached
while proposals are answered. Inside a transaction parts are computed afresh and not stored:
they may see writes that are not committed yet.

Only with a cache all processes share (settings.PAGE_CACHE); otherwise parts are computed
every time. A change made outside the portal's connections shows after PAGE_CACHE_SECONDS.
"""

import hashlib
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")

_WRITTEN = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.IGNORECASE)
_TRUNCATED = re.compile(r"^\s*TRUNCATE\b(.*)", re.IGNORECASE | re.DOTALL)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)
_QUOTED = re.compile(r'"(\w+)"')
_computing = threading.local()  # the stack of parts being computed in this thread
_read_ahead = threading.local()  # parts read ahead for the request this thread serves


def _version_key(table: str) -> str:
    return f"portal:table-version:{table}"


def table_versions(tables: Iterable[str]) -> dict[str, str]:
    """The current version of each table (one is given to a table that has none yet)."""
    keys = {table: _version_key(table) for table in tables}
    found = cache.get_many(list(keys.values()))
    versions = {}
    for table, key in keys.items():
        if key not in found:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            found[key] = cache.get(key) or ""
        versions[table] = found[key]
    return versions


def tables_changed(tables: Iterable[str]) -> None:
    """Give the tables new versions: every stored part that read one of them is stale."""
    token = uuid.uuid4().hex
    _read_ahead.parts = {}  # this thread wrote: what it read ahead may be stale
    cache.set_many({_version_key(table): token for table in tables}, timeout=None)


def written_tables(sql: str) -> set[str]:
    if found := _WRITTEN.match(sql):
        return {found.group(1)}
    if found := _TRUNCATED.match(sql):
        return set(_QUOTED.findall(found.group(1)))
    return set()


def _note_writes(connection, tables: set[str]) -> None:
    if not connection.in_atomic_block:
        tables_changed(tables)  # committed already
        return
    pending: tuple[Callable[[], None] | None, set[str]] = getattr(
        connection, "portal_pending_writes", (None, set())
    )
    callback, written = pending
    # A rolled-back transaction takes its commit callbacks with it: then start anew.
    if callback is None or not any(entry[1] is callback for entry in connection.run_on_commit):
        written = set()

        def callback() -> None:
            tables_changed(written)

        connection.portal_pending_writes = (callback, written)
        # Robust: a cache that fails after the commit must not fail the request.
        connection.on_commit(callback, robust=True)
    written.update(tables)


def watch_queries(execute, sql, params, many, context):
    """The execute wrapper on every connection: notes the tables read by parts being computed
    and the tables written."""
    if not settings.PAGE_CACHE or not isinstance(sql, str):
        return execute(sql, params, many, context)
    frames = getattr(_computing, "stack", None)
    if frames:
        read = set(_READ.findall(sql))
        for frame in frames:
            if unseen := read.difference(frame):
                frame.update(table_versions(unseen))
    result = execute(sql, params, many, context)
    if tables := written_tables(sql):
        _note_writes(context["connection"], tables)
    return result


def install_watch(sender, connection, **kwargs) -> None:
    """For the signal connection_created: watch the connection's queries (once)."""
    if watch_queries not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_queries)


def _part_key(name: str, vary: Iterable[Any]) -> str:
    parts = [name, get_language() or "", timezone.localdate().isoformat(), *map(str, vary)]
    return "portal:part:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


_READER_PARTS: list[str] = []


def reader_part_register(name: str) -> None:
    """A part about the reader, keyed by the user's id alone, that nearly every page asks
    for: read ahead of each request with the others (apps register theirs when ready)."""
    if name not in _READER_PARTS:
        _READER_PARTS.append(name)


def reader_parts() -> tuple[str, ...]:
    return tuple(_READER_PARTS)


def parts_read_ahead(parts: Iterable[tuple[str, Iterable[Any]]]) -> None:
    """Read these stored parts and the versions of the tables they read in two round trips
    to the cache, for `cached_part` to serve in this request: the parts every request asks
    for one by one (who the reader is) would each take two."""
    _read_ahead.parts = {}
    if not settings.PAGE_CACHE:
        return
    stored = cache.get_many([_part_key(name, vary) for name, vary in parts])
    tables = {table for part in stored.values() for table in part["tables"]}
    versions = table_versions(tables) if tables else {}
    _read_ahead.parts = {
        key: part
        for key, part in stored.items()
        if all(versions.get(table) == version for table, version in part["tables"].items())
    }


def parts_forget() -> None:
    """At the end of a request: what was read ahead is not for the next one."""
    _read_ahead.parts = {}


def cached_part(name: str, vary: Iterable[Any], compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave before for the same name, vary, language and day while
    no table it read has changed. The value must be the same for every reader that shares
    `vary`, and picklable (rendered HTML, plain data)."""
    connection = connections["default"]
    if not settings.PAGE_CACHE or connection.in_atomic_block:
        return compute()
    key = _part_key(name, vary)
    stack = getattr(_computing, "stack", None)
    if stack is None:
        stack = _computing.stack = []
    stored = getattr(_read_ahead, "parts", {}).get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None and table_versions(stored["tables"]) != stored["tables"]:
            stored = None
    if stored is not None:
        for outer in stack:  # a part within a part: the outer one read these tables too
            outer.update({t: v for t, v in stored["tables"].items() if t not in outer})
        return stored["value"]
    frame: dict[str, str] = {}
    stack.append(frame)
    try:
        value = compute()
    finally:
        stack.pop()
    if not connection.in_atomic_block:
        cache.set(key, {"tables": frame, "value": value}, settings.PAGE_CACHE_SECONDS)
    return value
