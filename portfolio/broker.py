"""Connections to the Celery broker that give up quickly when it is down."""

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.conf import settings
from kombu import Connection


@contextlib.contextmanager
def broker_connection(timeout: float | None = None) -> Iterator[Connection]:
    """Connect to CELERY_BROKER_URL or raise within about `timeout` seconds.

    Read from settings at call time (not from the Celery app's cached config), so a changed
    broker URL takes effect at once. No retries: the caller keeps the work and tries later.
    """
    connection = _connect(settings.BROKER_CHECK_TIMEOUT if timeout is None else timeout)
    try:
        yield connection
    finally:
        connection.release()


def _connect(timeout: float) -> Connection:
    options = {
        **getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}),
        "max_retries": 0,
        "interval_start": 0,
        "interval_step": 0,
        "interval_max": 0,
    }
    connection = Connection(
        settings.CELERY_BROKER_URL, connect_timeout=timeout, transport_options=options
    )
    try:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0)
    except Exception:
        connection.release()
        raise
    return connection


T = TypeVar("T")
_kept = threading.local()


def with_kept_connection(use: Callable[[Connection], T]) -> T:
    """`use(connection)` over this thread's kept connection to the broker, opened on first use.

    Opening a connection costs more than publishing a message, and opening a proposal
    publishes one per ministry. A kept connection that fails (the broker restarted) is
    dropped and the call tried once more over a new one; that failing too raises.
    """
    # A connection for the broker and the options now configured (key prefix, folders).
    wanted = repr(
        (settings.CELERY_BROKER_URL, getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}))
    )
    for attempt in (1, 2):
        kept = getattr(_kept, "connection", None)
        if kept is None or kept[0] != wanted:
            _drop_kept()
            _kept.connection = kept = (wanted, _connect(settings.BROKER_CHECK_TIMEOUT))
        try:
            return use(kept[1])
        except Exception:
            _drop_kept()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _drop_kept() -> None:
    kept = getattr(_kept, "connection", None)
    _kept.connection = None
    if kept is not None:
        with contextlib.suppress(Exception):
            kept[1].release()
