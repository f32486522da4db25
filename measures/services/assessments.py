"""Record a ministry's (or the coordinator's) criteria assessment of a measure, or revise one."""

from typing import Any

from django.db import transaction

from measures.models import CriteriaAssessment, Measure, ReportingPeriod
from measures.permissions import (
    can_assess,
    can_revise_assessment,
    ensure_measure_changeable,
    may_correct_measure,
)
from measures.services.common import snapshot, validated_save
from measures.services.periods import lock_open_period
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Criterion
from portfolio.permissions import ministry_of
from portfolio.types import User


@records_actor
@transaction.atomic
def assessment_record(
    *,
    actor: User,
    measure: Measure,
    criterion: Criterion,
    period: ReportingPeriod,
    score: int,
    comment: str = "",
) -> tuple[CriteriaAssessment, bool]:
    """Store the actor's ministry's score for the measure and criterion in the open period.

    One row per measure, criterion, ministry and period; giving it again revises it.
    """
    ensure_measure_changeable(actor=actor, measure=measure, allowed=can_assess(user=actor))
    ministry = ministry_of(actor)
    period = lock_open_period(period)
    existing = CriteriaAssessment.objects.filter(
        measure=measure, criterion=criterion, ministry=ministry, period=period
    ).first()
    created = existing is None
    before = None if existing is None else {"score": existing.score, "comment": existing.comment}
    assessment = existing or CriteriaAssessment(
        measure=measure, criterion=criterion, ministry=ministry, period=period
    )
    assessment.score = score
    assessment.comment = comment
    assessment.assessed_by = actor
    validated_save(assessment)
    audit_record(
        actor=actor,
        kind="assessment.recorded",
        target=measure,
        ministry=ministry,
        before=before,
        after={
            "criterion": criterion.code,
            "period": str(period),
            "score": score,
            "comment": comment,
        },
    )
    return assessment, created


ASSESSMENT_FIELDS = ["score", "comment"]


@records_actor
@transaction.atomic
def assessment_revise(
    *, actor: User, assessment: CriteriaAssessment, **values: Any
) -> CriteriaAssessment:
    """Change the score or comment of an assessment given: the assessing ministry while its
    reporting period is open; the secretariat's correction of a closed strategy period also in
    a closed reporting period. The assessment keeps its ministry and assessor."""
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    measure = assessment.measure
    allowed = can_revise_assessment(user=actor, assessment=assessment)
    ensure_measure_changeable(actor=actor, measure=measure, allowed=allowed)
    if not may_correct_measure(user=actor, measure=measure):
        lock_open_period(assessment.period)
    assessment = CriteriaAssessment.objects.select_for_update().get(pk=assessment.pk)
    before = snapshot(assessment, ASSESSMENT_FIELDS)
    for name, value in values.items():
        setattr(assessment, name, value)
    validated_save(assessment)
    audit_record(
        actor=actor,
        kind="assessment.revised",
        target=measure,
        ministry=assessment.ministry,
        before=before,
        after={
            "criterion": assessment.criterion.code,
            "period": str(assessment.period),
            **snapshot(assessment, ASSESSMENT_FIELDS),
        },
    )
    return assessment
