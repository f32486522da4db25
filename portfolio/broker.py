"""A short-lived connection to the Celery broker that gives up quickly when it is down."""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from kombu import Connection


@contextlib.contextmanager
def broker_connection(timeout: float | None = None) -> Iterator[Connection]:
    """Connect to CELERY_BROKER_URL or raise within about `timeout` seconds.

    Read from settings at call time (not from the Celery app's cached config), so a changed
    broker URL takes effect at once. No retries: the caller keeps the work and tries later.
    """
    timeout = settings.BROKER_CHECK_TIMEOUT if timeout is None else timeout
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
        yield connection
    finally:
        connection.release()
