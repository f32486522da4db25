"""Benefits of a measure and measured values of their indicators, written by the lead ministry."""

import datetime
import decimal
from typing import Any

from django.db import transaction

from measures.models import Benefit, BenefitMeasurement, Measure
from measures.permissions import can_write_measure, ensure
from measures.services.common import snapshot, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor

BENEFIT_FIELDS = ["title", "indicator", "unit", "baseline", "target", "target_on", "description"]


@records_actor
@transaction.atomic
def benefit_save(
    *, actor: Any, measure: Measure, benefit: Benefit | None = None, **values: Any
) -> Benefit:
    """Create or change a benefit with its indicator, baseline and target."""
    ensure(can_write_measure(user=actor, measure=measure))
    if benefit is None:
        benefit, before = Benefit(measure=measure), None
    else:
        benefit = Benefit.objects.select_for_update().get(pk=benefit.pk, measure=measure)
        before = snapshot(benefit, BENEFIT_FIELDS)
    unknown = set(values) - set(BENEFIT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(benefit, name, value)
    validated_save(benefit)
    audit_record(
        actor=actor,
        kind="benefit.created" if before is None else "benefit.changed",
        target=benefit,
        ministry=measure.lead_ministry,
        before=before,
        after=snapshot(benefit, BENEFIT_FIELDS),
    )
    return benefit


@records_actor
@transaction.atomic
def benefit_measurement_record(
    *,
    actor: Any,
    benefit: Benefit,
    measured_on: datetime.date,
    value: decimal.Decimal,
    comment: str = "",
) -> BenefitMeasurement:
    """Store the indicator's value on a date; a second value for the same date replaces it."""
    ensure(can_write_measure(user=actor, measure=benefit.measure))
    measurement = BenefitMeasurement.objects.filter(
        benefit=benefit, measured_on=measured_on
    ).first()
    before = None if measurement is None else {"value": str(measurement.value)}
    measurement = measurement or BenefitMeasurement(benefit=benefit, measured_on=measured_on)
    measurement.value = value
    measurement.comment = comment
    measurement.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    validated_save(measurement)
    audit_record(
        actor=actor,
        kind="benefit.measured",
        target=benefit,
        ministry=benefit.measure.lead_ministry,
        before=before,
        after={"measured_on": str(measured_on), "value": str(value)},
    )
    return measurement
