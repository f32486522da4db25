"""Milestones, risks and dependencies of a measure, written by its lead ministry."""

from typing import Any

from django.db import transaction

from measures.follow_up_summary import follow_up_refresh
from measures.models import Measure, MeasureDependency, Milestone, Risk
from measures.permissions import can_write_measure, ensure
from measures.services.common import snapshot, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor

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


def _apply(instance: Any, fields: list[str], values: dict[str, Any]) -> None:
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(instance, name, value)


@records_actor
@transaction.atomic
def milestone_save(
    *, actor: Any, measure: Measure, milestone: Milestone | None = None, **values: Any
) -> Milestone:
    """Create a milestone of the measure, or change one (planned, forecast, actual dates)."""
    ensure(can_write_measure(user=actor, measure=measure))
    if milestone is None:
        milestone, before = Milestone(measure=measure), None
    else:
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk, measure=measure)
        before = snapshot(milestone, MILESTONE_FIELDS)
    _apply(milestone, MILESTONE_FIELDS, values)
    validated_save(milestone)
    follow_up_refresh([measure.pk])
    audit_record(
        actor=actor,
        kind="milestone.created" if before is None else "milestone.changed",
        target=milestone,
        ministry=measure.lead_ministry,
        before=before,
        after=snapshot(milestone, MILESTONE_FIELDS),
    )
    return milestone


@records_actor
@transaction.atomic
def risk_save(*, actor: Any, measure: Measure, risk: Risk | None = None, **values: Any) -> Risk:
    """Create a risk of the measure, or change one (scores, owner, response, status)."""
    ensure(can_write_measure(user=actor, measure=measure))
    if risk is None:
        risk, before = Risk(measure=measure), None
    else:
        risk = Risk.objects.select_for_update().get(pk=risk.pk, measure=measure)
        before = snapshot(risk, RISK_FIELDS)
    _apply(risk, RISK_FIELDS, values)
    validated_save(risk)
    follow_up_refresh([measure.pk])
    audit_record(
        actor=actor,
        kind="risk.created" if before is None else "risk.changed",
        target=risk,
        ministry=measure.lead_ministry,
        before=before,
        after=snapshot(risk, RISK_FIELDS),
    )
    return risk


@records_actor
@transaction.atomic
def dependency_add(
    *, actor: Any, measure: Measure, depends_on: Measure, description: str = ""
) -> MeasureDependency:
    """Record that the measure depends on another measure. Unique per pair."""
    ensure(can_write_measure(user=actor, measure=measure))
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
def dependency_remove(*, actor: Any, dependency: MeasureDependency) -> None:
    """Remove a dependency of the measure."""
    measure = dependency.measure
    ensure(can_write_measure(user=actor, measure=measure))
    audit_record(
        actor=actor,
        kind="dependency.removed",
        target=measure,
        ministry=measure.lead_ministry,
        before={"depends_on": dependency.depends_on.code},
    )
    dependency.delete()
