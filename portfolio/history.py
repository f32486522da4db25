"""Field-level history (django-simple-history) that also records the channel of each change.

Every domain model declares `history = history_records()`. The acting user of a history row
is the `actor` of the service that wrote it (`@records_actor`, or `with history_actor(...)`),
so rows written by tasks and commands name their user too; `None` is the system. Outside any
service (the Django admin's own forms) it is the request's user (HistoryRequestMiddleware).
The channel and request id come from the audit context, as for audit events, on rows written
one by one and on rows written in bulk (`bulk_create_with_history`) alike.
"""

import contextlib
import contextvars
import datetime
import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoricalQuerySet, HistoryManager
from simple_history.models import HistoricalRecords

from portfolio.permanence import PermanentRecordError, refuse_deletion

_UNSET = object()
_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("history_actor", default=_UNSET)

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def history_actor(actor: Any) -> Iterator[None]:
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
        from portfolio.audit import audit_context

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
            # Imported here: portfolio.audit imports the models that use this base.
            from portfolio.audit import audit_context

            self.history_channel, self.history_request_id = audit_context()
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


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of a model whose changes a history table shows."""
    return [f for f in model._meta.concrete_fields if f.name not in _HIDDEN]


def history_entries(sources: list[tuple[str, Any]], *, limit: int = 50) -> list[dict]:
    """Field changes of one or more history querysets, newest first, for a "History" tab.

    `sources` pairs a label ("Proposal", "Position", …) with a history queryset. Each record
    is compared with the previous record of the same object. Constant query count: one
    query per source, plus those of `describe_changes`.
    """
    items, labels = [], []
    for label, queryset in sources:
        fields = tracked_fields(queryset.model.instance_type)
        previous_of: dict[Any, Any] = {}
        for record in queryset.select_related("history_user").order_by(
            "history_date", "history_id"
        ):
            items.append((record, previous_of.get(record.id), fields))
            labels.append(label)
            previous_of[record.id] = record
    entries = [
        {"object": label, **entry}
        for label, entry in zip(labels, describe_changes(items), strict=True)
        if entry is not None
    ]
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return entries[:limit]


def describe_changes(items: list[tuple[Any, Any, list[models.Field]]]) -> list[dict | None]:
    """For each (record, previous record or None, fields): who, when, channel and what changed.

    None stands for a change record that changes none of the fields (a many-to-many change).
    Foreign keys to ministries and users show their short names; other foreign keys their
    id. Two queries at most, whatever the number of records: the ministries and the users.
    """
    from django.contrib.auth import get_user_model

    from portfolio.models import AuditEvent, Ministry

    channels = dict(AuditEvent.Channel.choices)
    user_model = get_user_model()
    ministry_ids, user_ids = set(), set()
    for record, previous, fields in items:
        for field in fields:
            target = field.related_model
            bucket = (
                ministry_ids if target is Ministry else user_ids if target is user_model else None
            )
            if bucket is not None:
                bucket.update(getattr(r, field.attname) for r in (record, previous) if r)
    ministry_ids.discard(None)
    user_ids.discard(None)
    ministries = (
        dict(Ministry.objects.filter(pk__in=ministry_ids).values_list("pk", "abbreviation"))
        if ministry_ids
        else {}
    )
    users = (
        dict(
            user_model.objects.filter(pk__in=user_ids).values_list("pk", user_model.USERNAME_FIELD)
        )
        if user_ids
        else {}
    )

    def value(record, field) -> str:
        raw = getattr(record, field.attname)
        if raw is None:
            return ""
        if field.related_model is Ministry:
            return ministries.get(raw, str(raw))
        if field.related_model is user_model:
            return users.get(raw, str(raw))
        if field.choices:
            return str(dict(field.flatchoices).get(raw, raw))
        if isinstance(raw, datetime.datetime):
            return date_format(timezone.localtime(raw), "SHORT_DATETIME_FORMAT")
        if isinstance(raw, datetime.date):
            return date_format(raw, "SHORT_DATE_FORMAT")
        if isinstance(raw, list):
            return ", ".join(str(item) for item in raw)
        if isinstance(raw, bool):
            return str(_("Yes") if raw else _("No"))
        return str(raw)

    entries: list[dict | None] = []
    for record, previous, fields in items:
        changes = []
        for field in fields:
            new = value(record, field)
            old = value(previous, field) if previous else ""
            if new != old and not (previous is None and new == ""):
                # Names Django made from the field name ("ministry") are looked up too.
                label = gettext(str(field.verbose_name))
                changes.append({"field": label, "old": old, "new": new})
        if not changes and record.history_type == "~":
            entries.append(None)
            continue
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user.get_username() if record.history_user else "",
                "channel": str(channels.get(record.history_channel, record.history_channel)),
                "type": record.history_type,
                "changes": changes,
            }
        )
    return entries


# Names Django derives from field names without a verbose_name; listed to be translated.
DERIVED_LABELS = [gettext_noop("created by"), gettext_noop("proposal"), gettext_noop("ministry")]

_HIDDEN = {"id", "sources", "unconfirmed_fields", "pdf_sha256"}
