"""Helpers shared by the services: validate-then-save, audit snapshots, follow-up records."""

import datetime
import decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from measures.models import Measure
from measures.permissions import can_write_measure, ensure_measure_changeable
from portfolio.audit import audit_record
from portfolio.types import User
from portfolio.validation import date_error

Record = TypeVar("Record", bound=models.Model)


def validated_save(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run model validation (fields, NUL bytes, lengths, constraints, dates), then save.

    Dates a person enters must lie in the span the portal plans for (portfolio.validation).
    A unique constraint that another request won between the check and the insert still
    ends as a ValidationError, not a server error.
    """
    errors: dict[str, list[Any]] = {}
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
        value = getattr(instance, field.attname if isinstance(field, models.Field) else name)
        if isinstance(value, datetime.date | decimal.Decimal):
            value = str(value)
        values[name] = value
    return values


def apply_values(instance: models.Model, fields: list[str], values: dict[str, Any]) -> None:
    """Set the given values; a field outside `fields` is a programming error (ValueError)."""
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(instance, name, value)


def follow_up_save(
    *,
    actor: User,
    measure: Measure,
    model: type[Record],
    record: Record | None,
    fields: list[str],
    values: dict[str, Any],
) -> Record:
    """Create a follow-up record of the measure (a milestone, risk or benefit), or change one.

    The measure's writers only; the record is locked while it changes; unknown fields are a
    programming error (ValueError). The audit event is "<model>.created" or "<model>.changed".
    Call inside the service's transaction.
    """
    allowed = can_write_measure(user=actor, measure=measure)
    ensure_measure_changeable(actor=actor, measure=measure, allowed=allowed)
    if record is None:
        record, before = model(measure=measure), None
    else:
        record = model._default_manager.select_for_update().get(pk=record.pk, measure=measure)
        before = snapshot(record, fields)
    apply_values(record, fields, values)
    validated_save(record)
    audit_record(
        actor=actor,
        kind=f"{model._meta.model_name}.{'created' if before is None else 'changed'}",
        target=record,
        ministry=measure.lead_ministry,
        before=before,
        after=snapshot(record, fields),
    )
    return record
