"""Helpers shared by the services: validate-then-save and audit snapshots."""

import datetime
import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _


def validated_save(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run model validation (fields, NUL bytes, lengths, constraints), then save.

    A unique constraint that another request won between the check and the insert still
    ends as a ValidationError, not a server error.
    """
    instance.full_clean(exclude=exclude)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError(_("This was changed at the same time by someone else.")) from exc


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields as JSON-safe values, for the before/after of an audit event."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        if isinstance(value, datetime.date | decimal.Decimal):
            value = str(value)
        values[name] = value
    return values
