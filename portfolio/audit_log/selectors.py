"""Reads of the audit log: the domain events and the field changes of all domain models.

Both keep a constant number of queries however long the trail grows: the events are one
paginated query plus one per type of linked object on the page; the field changes are one
bounded query per history table, merged newest first in Python and paged by keyset
("older than" the last row shown), plus one per table for the previous versions.

The field changes are described as on the "History" tabs, by `portfolio.audit_log.field_history`.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.text import capfirst

from portfolio.audit import audit_kind_label
from portfolio.audit_log.field_history import (
    describe_changes,
    history_model,
    page_url,
    tracked_fields,
)
from portfolio.audit_log.filters import history_filters, model_key, tracked_models
from portfolio.models import AuditEvent

PAGE_SIZE = 50
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def audit_event_list() -> QuerySet[AuditEvent]:
    """Every audit event, newest first, with what a row of the log shows."""
    return AuditEvent.objects.select_related("ministry", "target_type").order_by(
        "-occurred_at", "-id"
    )


def audit_event_rows(events: list[AuditEvent]) -> list[dict[str, Any]]:
    """One row per event: the event, its kind's label, a link to its object and its changes.

    Objects are fetched once per type that has a page of its own (get_absolute_url);
    deleted objects simply get no link.
    """
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for event in events:
        model = event.target_type.model_class()
        if model is not None and hasattr(model, "get_absolute_url"):
            wanted[model].add(event.target_id)
    urls: dict[tuple[type[models.Model] | None, str], str] = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=_valid_pks(model, ids)):
            urls[model, str(obj.pk)] = page_url(obj)
    rows = []
    for event in events:
        model = event.target_type.model_class()
        rows.append(
            {
                "event": event,
                "kind_label": audit_kind_label(event.kind),
                "model_label": capfirst(model._meta.verbose_name) if model else "",
                "url": urls.get((model, event.target_id), ""),
                "changes": _json_changes(event.before, event.after),
            }
        )
    return rows


def _valid_pks(model: type[models.Model], ids: set[str]) -> list[Any]:
    """The ids that fit the primary key (target ids are stored as text)."""
    valid = []
    for raw in ids:
        try:
            valid.append(model._meta.pk.to_python(raw))
        except ValidationError:  # not a key of this model: no link
            continue
    return valid


def _json_changes(before: Any, after: Any) -> list[dict[str, str]]:
    """The before and after of an event as field, old and new text."""
    before = before if isinstance(before, dict) else ({} if before is None else {"": before})
    after = after if isinstance(after, dict) else ({} if after is None else {"": after})
    changes = []
    for key in [*before, *(key for key in after if key not in before)]:
        old, new = _text(before.get(key)), _text(after.get(key))
        if old != new or key not in before:
            changes.append({"field": key, "old": old, "new": new})
    return changes


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Cursor:
    """Where a page of field changes ends: the (date, model, history id) of its last row."""

    date: datetime.datetime
    model: str
    history_id: int

    def __str__(self) -> str:
        micros = (self.date - _EPOCH) // datetime.timedelta(microseconds=1)
        return f"{micros}:{self.model}:{self.history_id}"

    @classmethod
    def parse(cls, text: str) -> "Cursor":
        """Read a cursor from the query string; ValueError if it is not one."""
        micros, model, history_id = text.split(":")
        return cls(
            date=_EPOCH + datetime.timedelta(microseconds=int(micros)),
            model=model,
            history_id=int(history_id),
        )

    def older(self, key: str) -> Q:
        """The rows of the table of model `key` that come after this cursor, newest first."""
        if key < self.model:
            return Q(history_date__lte=self.date)
        if key == self.model:
            return Q(history_date__lt=self.date) | Q(
                history_date=self.date, history_id__lt=self.history_id
            )
        return Q(history_date__lt=self.date)


@dataclass
class FieldChangePage:
    entries: list[dict[str, Any]]
    older: Cursor | None


def field_change_page(
    *, filters: dict[str, Any], older_than: Cursor | None = None, size: int = PAGE_SIZE
) -> FieldChangePage:
    """One page of field changes of every domain model, newest first.

    `filters` are the valid values of the filter form (actor, ministry = the acting user's
    ministry, model, channel, dates). Records that change no shown field (a many-to-many
    change) are left out, so a page may hold fewer rows than `size`.
    """
    condition = history_filters(filters)
    rows = []
    for model in tracked_models():
        key = model_key(model)
        if filters.get("model") and filters["model"] != key:
            continue
        history = history_model(model)
        pk_name = model._meta.pk.attname
        previous = history._default_manager.filter(
            **{pk_name: OuterRef(pk_name)}, history_id__lt=OuterRef("history_id")
        ).order_by("-history_id")
        queryset = history._default_manager.filter(condition)
        if older_than is not None:
            queryset = queryset.filter(older_than.older(key))
        queryset = (
            queryset.select_related("history_user__profile__ministry")
            .annotate(previous_history_id=Subquery(previous.values("history_id")[:1]))
            .order_by("-history_date", "-history_id")[: size + 1]
        )
        rows += [
            _Row(record.history_date, key, record.history_id, record, model) for record in queryset
        ]
    rows.sort(key=lambda row: (row.date, row.key, row.history_id), reverse=True)
    page = rows[:size]
    previous_records = _previous_records(page)
    items = [
        (
            row.record,
            previous_records.get((row.key, row.record.previous_history_id)),
            tracked_fields(row.model),
        )
        for row in page
    ]
    entries = [
        _field_change_entry(row, entry)
        for row, entry in zip(page, describe_changes(items), strict=True)
        if entry is not None
    ]
    older = None
    if len(rows) > size:
        last = page[-1]
        older = Cursor(date=last.date, model=last.key, history_id=last.history_id)
    return FieldChangePage(entries=entries, older=older)


@dataclass(frozen=True)
class _Row:
    date: datetime.datetime
    key: str
    history_id: int
    record: Any
    model: type[models.Model]


def _previous_records(page: list[_Row]) -> dict[tuple[str, int], Any]:
    """The version before each row's, one query per history table on the page."""
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    for row in page:
        if row.record.previous_history_id is not None:
            wanted[row.model].add(row.record.previous_history_id)
    found: dict[tuple[str, int], Any] = {}
    for model, ids in wanted.items():
        record: Any
        for record in history_model(model)._default_manager.filter(history_id__in=ids):
            found[model_key(model), record.history_id] = record
    return found


def _field_change_entry(row: _Row, entry: dict[str, Any]) -> dict[str, Any]:
    record, model = row.record, row.model
    user = record.history_user
    profile = getattr(user, "profile", None) if user is not None else None
    return {
        **entry,
        "object": f"{capfirst(model._meta.verbose_name)} {_name(model, record)}",
        "ministry": profile.ministry.abbreviation if profile else "",
        "url": _url(model, record),
    }


# Fields that name an object well enough for the log, read from the record itself (no query).
_NAME_FIELDS = ("code", "abbreviation", "title", "name_nb", "slug")


def _name(model: type[models.Model], record: Any) -> str:
    names = {field.attname for field in model._meta.concrete_fields}
    for name in _NAME_FIELDS:
        if name in names and getattr(record, name):
            return str(getattr(record, name))[:80]
    return f"#{getattr(record, model._meta.pk.attname)}"


def _url(model: type[models.Model], record: Any) -> str:
    """The page of the object as it was recorded, if the model has pages; none once deleted.

    The instance is built from the record's own columns: no query (simple-history's
    `record.instance` may query for excluded fields).
    """
    if record.history_type == "-" or not hasattr(model, "get_absolute_url"):
        return ""
    instance = model(
        **{
            field.attname: getattr(record, field.attname)
            for field in model._meta.concrete_fields
            if hasattr(record, field.attname)
        }
    )
    return page_url(instance)
