"""Field-level history (django-simple-history) that also records the channel of each change.

Every domain model declares `history = HistoricalRecords(bases=[ChannelHistory])`. The acting
user comes from the request (HistoryRequestMiddleware) or from `obj._history_user`, which
services set; the channel and request id come from the audit context, as for audit events.
"""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ChannelHistory(models.Model):
    """Base of every historical model: through which channel the change came."""

    history_channel = models.CharField(_("channel"), max_length=10, blank=True)
    history_request_id = models.UUIDField(_("request id"), null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.history_channel:
            # Imported here: portfolio.audit imports the models that use this base.
            from portfolio.audit import audit_context

            self.history_channel, self.history_request_id = audit_context()
        super().save(*args, **kwargs)


def history_records(**kwargs) -> HistoricalRecords:
    """HistoricalRecords with the channel base; pass m2m_fields for many-to-many fields."""
    return HistoricalRecords(bases=[ChannelHistory], **kwargs)


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
            return f"{timezone.localtime(raw):%Y-%m-%d %H:%M:%S}"
        return str(raw)

    entries: list[dict | None] = []
    for record, previous, fields in items:
        changes = []
        for field in fields:
            new = value(record, field)
            old = value(previous, field) if previous else ""
            if new != old and not (previous is None and new == ""):
                changes.append({"field": field.verbose_name, "old": old, "new": new})
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


_HIDDEN = {"id", "sources", "unconfirmed_fields", "pdf_sha256"}
