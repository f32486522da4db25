"""Helpers shared by the services: validate-then-save and audit snapshots."""

import datetime
import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from portfolio.validation import date_error


def validated_save(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run model validation (fields, NUL bytes, lengths, constraints, dates), then save.

    Dates a person enters must lie in the span the portal plans for (portfolio.validation).
    A unique constraint that another request won between the check and the insert still
    ends as a ValidationError, not a server error.
    """
    errors: dict[str, list] = {}
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.DateField) and field.editable and field.name not in errors:
            value = getattr(instance, field.attname)
            if isinstance(value, datetime.date) and (message := date_error(value)):
                errors[field.name] = [message]
    if errors:
        raise ValidationError(errors)
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
