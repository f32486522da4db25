"""Milestones, risks and dependencies of a measure, written by its lead ministry."""

from typing import Any

from django.db import transaction

from measures.follow_up_summary import follow_up_refresh
from measures.models import Measure, MeasureDependency, Milestone, Risk
from measures.permissions import can_write_measure, ensure_measure_changeable
from measures.services.common import follow_up_save, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User

MILESTONE_FIELDS = ["title", "planned_on", "forecast_on", "actual_on"]
RISK_FIELDS = [
    "title",
    "description",
    "probability",
    "impact",
    "owner_ministry",
    "response",
    "status",
]


@records_actor
@transaction.atomic
def milestone_save(
    *, actor: User, measure: Measure, milestone: Milestone | None = None, **values: Any
) -> Milestone:
    """Create a milestone of the measure, or change one (planned, forecast, actual dates)."""
    saved = follow_up_save(
        actor=actor,
        measure=measure,
        model=Milestone,
        record=milestone,
        fields=MILESTONE_FIELDS,
        values=values,
    )
    follow_up_refresh([measure.pk])  # the portfolio's read model, in the same transaction
    return saved


@records_actor
@transaction.atomic
def risk_save(*, actor: User, measure: Measure, risk: Risk | None = None, **values: Any) -> Risk:
    """Create a risk of the measure, or change one (scores, owner, response, status)."""
    saved = follow_up_save(
        actor=actor, measure=measure, model=Risk, record=risk, fields=RISK_FIELDS, values=values
    )
    follow_up_refresh([measure.pk])
    return saved


@records_actor
@transaction.atomic
def dependency_add(
    *, actor: User, measure: Measure, depends_on: Measure, description: str = ""
) -> MeasureDependency:
    """Record that the measure depends on another measure. Unique per pair."""
    allowed = can_write_measure(user=actor, measure=measure)
    ensure_measure_changeable(actor=actor, measure=measure, allowed=allowed)
    dependency = MeasureDependency(measure=measure, depends_on=depends_on, description=description)
    validated_save(dependency)
    audit_record(
        actor=actor,
        kind="dependency.added",
        target=measure,
        ministry=measure.lead_ministry,
        after={"depends_on": depends_on.code, "description": description},
    )
    return dependency


@records_actor
@transaction.atomic
def dependency_remove(*, actor: User, dependency: MeasureDependency) -> None:
    """Remove a dependency of the measure."""
    measure = dependency.measure
    allowed = can_write_measure(user=actor, measure=measure)
    ensure_measure_changeable(actor=actor, measure=measure, allowed=allowed)
    audit_record(
        actor=actor,
        kind="dependency.removed",
        target=measure,
        ministry=measure.lead_ministry,
        before={"depends_on": dependency.depends_on.code},
    )
    dependency.delete()
