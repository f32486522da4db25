"""Field-level history (django-simple-history) that also records the channel of each change.

Every domain model declares `history = history_records()`. The acting user of a history row
is the `actor` of the service that wrote it (`@records_actor`, or `with history_actor(...)`),
so rows written by tasks and commands name their user too; `None` is the system. Outside any
service (the Django admin's own forms) it is the request's user (HistoryRequestMiddleware).
The channel and request id come from the audit context, as for audit events, on rows written
one by one and on rows written in bulk (`bulk_create_with_history`) alike. A correction of a
closed strategy period (`audit_context.correction`) puts its reason in `history_change_reason`.
How the rows read on a "History" tab is `portfolio.audit_log.selectors`.
"""

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoricalQuerySet, HistoryManager
from simple_history.models import HistoricalRecords

from portfolio.audit_context import audit_context, correction_reason
from portfolio.permanence import PermanentRecordError, refuse_deletion
from portfolio.types import User

_UNSET = object()
_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("history_actor", default=_UNSET)

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def history_actor(actor: User | None) -> Iterator[None]:
    """Name `actor` as the user of every history row written inside the block.

    `None` or an anonymous user means the system: the rows then name no user, even inside a
    request, as the audit event of a system action names none.
    """
    token = _actor.set(actor if getattr(actor, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def records_actor(function: F) -> F:
    """Decorate a service: its history rows name its `actor` argument (none: the system)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with history_actor(kwargs.get("actor")):
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _history_user(instance: Any = None, request: Any = None, **kwargs: Any) -> Any:
    """simple-history's `get_user`: the service's actor, else the request's user."""
    actor = _actor.get()
    if actor is not _UNSET:
        return actor
    return getattr(request, "user", None)


class ChannelHistoryManager(HistoryManager):
    """Stamps the channel and request id on history rows written in bulk as well.

    `bulk_create_with_history` and `bulk_update_with_history` build the rows without saving
    them one by one, so `ChannelHistory.save` never sees them.
    """

    def bulk_history_create(self, objs, *args, custom_historical_attrs=None, **kwargs):
        channel, request_id = audit_context()
        attrs = {"history_channel": channel, "history_request_id": request_id}
        return super().bulk_history_create(
            objs,
            *args,
            custom_historical_attrs={**attrs, **(custom_historical_attrs or {})},
            **kwargs,
        )


class ChannelHistory(models.Model):
    """Base of every historical model: through which channel the change came.

    A history row is written once and then never changed or deleted.
    """

    history_channel = models.CharField(_("channel"), max_length=10, blank=True)
    history_request_id = models.UUIDField(_("request id"), null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermanentRecordError("A history row is never changed.")
        if not self.history_channel:
            self.history_channel, self.history_request_id = audit_context()
        if not getattr(self, "history_change_reason", None) and (reason := correction_reason()):
            self.history_change_reason = reason[:100]  # a correction: why it was made
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_deletion(f"{self._meta.label} {self.pk}")


class ChannelHistoryQuerySet(HistoricalQuerySet):
    """History querysets read; they neither update nor delete rows."""

    def update(self, **kwargs):
        raise PermanentRecordError("History rows are never changed.")

    def delete(self):
        refuse_deletion(f"Every {self.model._meta.label}")

    update.alters_data = delete.alters_data = True  # type: ignore[attr-defined]


def history_records(**kwargs) -> HistoricalRecords:
    """HistoricalRecords with the channel base; pass m2m_fields for many-to-many fields."""
    return HistoricalRecords(
        bases=[ChannelHistory],
        get_user=_history_user,
        history_manager=ChannelHistoryManager,
        historical_queryset=ChannelHistoryQuerySet,
        **kwargs,
    )
