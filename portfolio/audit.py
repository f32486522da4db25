"""The audit trail: explicit domain events, written by services in the same transaction.

The channel (ui, api, admin, task) and the request id come from a context variable that
the middleware sets per request and tasks set with `audit_channel("task")`. Each app declares
the event kinds it writes, with a translated label, in `audit_kinds` on its AppConfig.
"""

import contextlib
import contextvars
import functools
import uuid
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from portfolio.caching import data_changed
from portfolio.models import AuditEvent, Ministry

_context: contextvars.ContextVar[tuple[str, uuid.UUID | None]] = contextvars.ContextVar(
    "audit_context", default=(AuditEvent.Channel.SYSTEM, None)
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
    """The current channel and request id (also stamped on field-level history rows)."""
    return _context.get()


def audit_record(
    *,
    actor: Any,
    kind: str,
    target: models.Model,
    ministry: Ministry | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Append one audit event. Call inside the caller's transaction; rows are never updated."""
    channel, request_id = _context.get()
    data_changed()  # every change goes through a service that records it: cached pages go stale
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=actor.get_username() if authenticated else "system",
        ministry=ministry,
        kind=kind,
        channel=channel,
        request_id=request_id,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_label=str(target)[:200],
        before=before,
        after=after,
        note=note,
    )


@functools.cache
def audit_kinds() -> dict[str, Any]:
    """Every declared event kind with its (lazily translated) label, from all apps' AppConfigs."""
    kinds: dict[str, Any] = {}
    for config in apps.get_app_configs():
        kinds.update(getattr(config, "audit_kinds", {}))
    return kinds


def audit_kind_label(kind: str) -> str:
    """The human label of an event kind in the active language; the kind itself if undeclared."""
    return str(audit_kinds().get(kind, kind))
