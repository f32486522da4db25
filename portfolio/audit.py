"""The audit trail: explicit domain events, written by services in the same transaction.

The channel (ui, api, admin, task) and the request id come from `portfolio.audit_context`,
which the middleware sets per request and tasks with `audit_channel("task")`. Each app declares
the event kinds it writes, with a translated label, in `audit_kinds` on its AppConfig.
"""

import functools
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from portfolio.audit_context import audit_channel, audit_context
from portfolio.caching import data_changed
from portfolio.models import AuditEvent, Ministry
from portfolio.types import User

__all__ = [
    "audit_channel",
    "audit_context",
    "audit_kind_label",
    "audit_kinds",
    "audit_record",
]


def audit_record(
    *,
    actor: User | None,
    kind: str,
    target: models.Model,
    ministry: Ministry | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Append one audit event. Call inside the caller's transaction; rows are never updated."""
    channel, request_id = audit_context()
    data_changed()  # every change goes through a service that records it: cached pages go stale
    person = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=person,
        actor_label=person.get_username() if person is not None else "system",
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
