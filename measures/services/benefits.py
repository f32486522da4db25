"""Benefits of a measure and measured values of their indicators, written by the lead ministry."""

import datetime
import decimal
from typing import Any

from django.db import transaction

from measures.models import Benefit, BenefitMeasurement, Measure
from measures.permissions import can_write_measure, ensure_measure_changeable
from measures.services.common import follow_up_save, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User

BENEFIT_FIELDS = ["title", "indicator", "unit", "baseline", "target", "target_on", "description"]


@records_actor
@transaction.atomic
def benefit_save(
    *, actor: User, measure: Measure, benefit: Benefit | None = None, **values: Any
) -> Benefit:
    """Create or change a benefit with its indicator, baseline and target."""
    return follow_up_save(
        actor=actor,
        measure=measure,
        model=Benefit,
        record=benefit,
        fields=BENEFIT_FIELDS,
        values=values,
    )


@records_actor
@transaction.atomic
def benefit_measurement_record(
    *,
    actor: User,
    benefit: Benefit,
    measured_on: datetime.date,
    value: decimal.Decimal,
    comment: str = "",
) -> BenefitMeasurement:
    """Store the indicator's value on a date; a second value for the same date replaces it."""
    allowed = can_write_measure(user=actor, measure=benefit.measure)
    ensure_measure_changeable(actor=actor, measure=benefit.measure, allowed=allowed)
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
