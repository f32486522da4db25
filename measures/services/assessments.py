"""Record a ministry's (or the coordinator's) criteria assessment of a measure."""

from django.db import transaction

from measures.models import CriteriaAssessment, Measure, ReportingPeriod
from measures.permissions import can_assess, ensure_measure_changeable
from measures.services.common import validated_save
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
