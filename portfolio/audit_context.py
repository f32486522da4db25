"""Through which channel (ui, api, admin, task, system) and in which request a change is made.

The middleware sets it per request, tasks with `audit_channel("task")`. Both the audit events
and the field-level history rows read it. It imports no models, so that the models' own
history base can read it without an import circle.
"""

import contextlib
import contextvars
import uuid
from collections.abc import Iterator

# The value of AuditEvent.Channel.SYSTEM: what happens outside any request or task.
SYSTEM_CHANNEL = "system"

_context: contextvars.ContextVar[tuple[str, uuid.UUID | None]] = contextvars.ContextVar(
    "audit_context", default=(SYSTEM_CHANNEL, None)
)


@contextlib.contextmanager
def audit_channel(channel: str, request_id: uuid.UUID | None = None) -> Iterator[None]:
    """Mark everything recorded inside the block as coming through this channel."""
    token = _context.set((channel, request_id))
    try:
        yield
    finally:
        _context.reset(token)


def audit_context() -> tuple[str, uuid.UUID | None]:
    """The current channel and request id (stamped on audit events and history rows)."""
    return _context.get()


# Why the secretariat corrects a record of a closed strategy period, given on the page or in the
# API; "" outside a correction. History rows and the correction's audit event read it.
CORRECTION_REASON_MAX = 500
_correction: contextvars.ContextVar[str] = contextvars.ContextVar("correction_reason", default="")


@contextlib.contextmanager
def correction(reason: str) -> Iterator[None]:
    """Mark everything recorded inside the block as a correction, for this reason."""
    token = _correction.set(reason.strip()[:CORRECTION_REASON_MAX])
    try:
        yield
    finally:
        _correction.reset(token)


def correction_reason() -> str:
    """The reason of the correction being made, or ""."""
    return _correction.get()
