"""How field-level history reads: the "History" tabs of single objects and the audit log.

One description of a change for every page that shows history: when, who (the full name,
else the user name), through which channel, and each changed field with its old and new
value. Foreign keys and many-to-many fields show the short names of the related objects (code,
abbreviation, title, name or slug; the user name of users), one query per related model.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_model_for_model, get_m2m_reverse_field_name

from portfolio.models import AuditEvent

# Bookkeeping about sources and files, not the object itself.
# Names Django derives from field names without a verbose_name; listed to be translated.
DERIVED_LABELS = [gettext_noop("created by"), gettext_noop("proposal"), gettext_noop("ministry")]

_HIDDEN = {"id", "sources", "unconfirmed_fields", "pdf_sha256"}

# Fields that name a related object well enough in a list (the first one the model has).
_SHORT_NAME_FIELDS = ("code", "abbreviation", "title", "name_nb", "slug")


def history_model(model: type[models.Model]) -> type[models.Model]:
    """The historical model simple-history made for a model (its `history.model`)."""
    found: type[models.Model] = get_history_model_for_model(model)
    return found


def page_url(obj: models.Model) -> str:
    """The object's own page, or "" for models without pages (no get_absolute_url)."""
    get_url: Callable[[], str] | None = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url is not None else ""


def tracked_fields(
    model: type[models.Model], *, many_to_many: bool = False
) -> list[models.Field[Any, Any]]:
    """The fields of a model whose changes a history table shows.

    With `many_to_many`, also the many-to-many fields whose history the model records.
    """
    fields: list[models.Field[Any, Any]] = [
        f for f in model._meta.concrete_fields if f.name not in _HIDDEN
    ]
    if many_to_many:
        fields += list(getattr(history_model(model), "_history_m2m_fields", []))
    return fields


def history_entries(sources: list[tuple[str, Any]], *, limit: int = 50) -> list[dict[str, Any]]:
    """Field changes of one or more history querysets, newest first, for a "History" tab.

    `sources` pairs a label ("Proposal", "Position", …) with a history queryset. Each record
    is compared with the previous record of the same object. Constant query count: one
    query per source, plus those of `describe_changes`.
    """
    items, labels = [], []
    for label, queryset in sources:
        fields = tracked_fields(queryset.model.instance_type, many_to_many=True)
        previous_of: dict[Any, Any] = {}
        for record in queryset.select_related("history_user").order_by(
            "history_date", "history_id"
        ):
            items.append((record, previous_of.get(record.id), fields))
            labels.append(label)
            previous_of[record.id] = record
    entries = [
        {"object": label, "history_id": record.history_id, **entry}
        for label, (record, _previous, _fields), entry in zip(
            labels, items, describe_changes(items), strict=True
        )
        if entry is not None
    ]
    entries.sort(key=lambda entry: (entry["date"], entry["history_id"]), reverse=True)
    return entries[:limit]


def describe_changes(
    items: list[tuple[Any, Any, list[models.Field[Any, Any]]]],
) -> list[dict[str, Any] | None]:
    """For each (record, previous record or None, fields): who, when, channel and what changed.

    None stands for a change record that changes none of the fields (say a many-to-many
    change when those fields are not shown). Constant query count, whatever the number of
    records: the ministries, the users, and per many-to-many field its rows and its objects.
    """
    channels = dict(AuditEvent.Channel.choices)
    ids: dict[type[models.Model], set[Any]] = defaultdict(set)
    for record, previous, fields in items:
        for field in fields:
            target = field.related_model
            if field.many_to_many or target is None or isinstance(target, str):
                continue
            ids[target].update(getattr(r, field.attname) for r in (record, previous) if r)
    names = {model: _short_names(model, pks - {None}) for model, pks in ids.items()}
    related = _many_to_many_names(items)

    def value(record: Any, field: models.Field[Any, Any]) -> str:
        if field.many_to_many:
            return related.get((field, record.history_id), "")
        raw = getattr(record, field.attname)
        if raw is None:
            return ""
        if field.related_model in names:
            return str(names[field.related_model].get(raw, raw))
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

    entries: list[dict[str, Any] | None] = []
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
                "user": person_name(record.history_user),
                "channel": str(channels.get(record.history_channel, record.history_channel)),
                "type": record.history_type,
                "changes": changes,
                "reason": getattr(record, "history_change_reason", None) or "",  # a correction
            }
        )
    return entries


def _short_label(model: type[models.Model]) -> str:
    """The field that names an object of the model in a list: its user name for users."""
    if model is get_user_model():
        return model.USERNAME_FIELD
    concrete = {f.name for f in model._meta.concrete_fields}
    return next((name for name in _SHORT_NAME_FIELDS if name in concrete), "pk")


def _short_names(model: type[models.Model], pks: set[Any]) -> dict[Any, Any]:
    """pk → short name of the objects, in one query; models without a short name keep the id."""
    label = _short_label(model)
    if not pks or label == "pk":
        return {}
    return dict(model._default_manager.filter(pk__in=pks).values_list("pk", label))


def person_name(user: Any) -> str:
    """How history names the acting user: the full name, else the user name; "" for none."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def _many_to_many_names(
    items: list[tuple[Any, Any, list[models.Field[Any, Any]]]],
) -> dict[tuple[models.Field[Any, Any], int], str]:
    """(field, history id) → the related objects' short names, sorted and joined by commas.

    Two queries per many-to-many field: its history rows and the objects they point at.
    """
    history_ids: dict[models.Field[Any, Any], set[int]] = defaultdict(set)
    for record, previous, fields in items:
        for field in fields:
            if field.many_to_many:
                history_ids[field].update(r.history_id for r in (record, previous) if r)
    names: dict[tuple[models.Field[Any, Any], int], str] = {}
    for field, ids in history_ids.items():
        target = get_m2m_reverse_field_name(field)
        rows = list(
            HistoricalRecords.m2m_models[field]
            .objects.filter(history_id__in=ids)
            .values_list("history_id", f"{target}_id")
        )
        model = field.related_model
        if model is None or isinstance(model, str):
            continue
        labels = _short_names(model, {pk for _id, pk in rows})
        grouped: dict[int, list[str]] = defaultdict(list)
        for history_id, pk in rows:
            grouped[history_id].append(str(labels.get(pk, pk)))
        for history_id, group in grouped.items():
            names[field, history_id] = ", ".join(sorted(group))
    return names
