"""Who may change what in the follow-up of measures: object rules on `portfolio.permissions`.

Everyone logged in may read.

- The measure's lead ministry writes its reports, risks, milestones and benefits: users of
  that ministry in the measure-lead or admin-head role.
- The coordinator (`portfolio.permissions.is_coordinator`) manages reporting periods, moves
  measures through their lifecycle and gives the coordinator's assessment. Administrators
  (superusers) may do all of this as well (`can_coordinate_follow_up`).
- Each ministry's admin head gives that ministry's own assessment.
- The records of a measure of a closed strategy period are read-only; only the secretariat
  corrects them (`may_correct_measure`), with a reason, in the same pages and API endpoints.
"""

from typing import Any

from measures.models import CoreGroup, CriteriaAssessment, Measure
from portfolio import roles
from portfolio.models import Ministry, Strategy
from portfolio.permissions import (
    ensure,
    has_role,
    is_administrator,
    is_coordinator,
    is_measure_lead,
    ministry_of,
)
from portfolio.strategy_closing import StrategyClosed, correction_record, may_correct_closed

__all__ = [
    "can_assess",
    "can_coordinate_follow_up",
    "can_report_for",
    "can_revise_assessment",
    "can_write_core_group",
    "can_write_measure",
    "ensure",
    "ensure_measure_changeable",
    "may_correct_measure",
    "may_correct_some_measure",
    "may_write_follow_up",
    "strategy_of_measure",
]


def can_coordinate_follow_up(user: Any) -> bool:
    """Reporting periods, the lifecycle and the coordinator's assessment: the coordinator or an
    administrator."""
    return is_coordinator(user) or is_administrator(user)


def can_report_for(*, user: Any, ministry: Ministry | None) -> bool:
    """May the user write follow-up data (reports, risks, …) on behalf of this ministry?"""
    if ministry is None or not (user is not None and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    own = ministry_of(user)
    writer = is_measure_lead(user) or has_role(user, roles.ADMIN_HEAD)
    return own is not None and own.pk == ministry.pk and writer


def may_write_follow_up(user: Any) -> bool:
    """May the user write follow-up data for some ministry at all? (Asked before the input.)"""
    if is_administrator(user):
        return True
    writer = is_measure_lead(user) or has_role(user, roles.ADMIN_HEAD)
    return writer and ministry_of(user) is not None


def can_write_measure(*, user: Any, measure: Measure) -> bool:
    """Its lead ministry's writers; for a measure of a closed period, the secretariat."""
    return can_report_for(user=user, ministry=measure.lead_ministry) or may_correct_measure(
        user=user, measure=measure
    )


def may_correct_measure(*, user: Any, measure: Measure) -> bool:
    """The secretariat corrects the records of a measure of a closed strategy period (no query
    for anyone else)."""
    if not may_correct_closed(user):
        return False
    strategy = strategy_of_measure(measure)
    return strategy is not None and strategy.closed_at is not None


def may_correct_some_measure(user: Any) -> bool:
    """May the user correct the records of some measure? (Asked before the input.)"""
    return may_correct_closed(user) and Strategy.objects.filter(closed_at__isnull=False).exists()


def writable_measure_ids(*, user: Any) -> set[int]:
    """The measures whose reports the user may write, in one query (for lists of links)."""
    measures = Measure.objects.all()
    if not (user and user.is_authenticated and user.is_superuser):
        own = ministry_of(user)
        if own is None or not can_report_for(user=user, ministry=own):
            return set()
        measures = measures.filter(lead_ministry=own)
    return set(measures.values_list("pk", flat=True))


def strategy_of_measure(measure: Measure) -> Strategy | None:
    """The strategy a measure serves, through its target areas (the latest, should there be two).

    No query when the areas were prefetched with their strategy (`measures.selectors`)."""
    if "target_areas" in getattr(measure, "_prefetched_objects_cache", {}):
        strategies = [area.strategy for area in measure.target_areas.all()]
        return max(strategies, key=lambda strategy: strategy.period_start, default=None)
    return Strategy.objects.filter(target_areas__measures=measure).order_by("-period_start").first()


def ensure_measure_changeable(*, actor: Any, measure: Measure | None, allowed: bool) -> None:
    """`ensure(allowed)`, and for a measure of a closed strategy: only the secretariat's
    corrections, each with its reason (`correction_record`). Whoever may not write the measure
    anyway is refused as before (403); a writer learns that the period is closed (409)."""
    strategy = strategy_of_measure(measure) if measure is not None else None
    if strategy is not None and strategy.closed_at is not None and actor is not None:
        if may_correct_closed(actor) and measure is not None:
            correction_record(
                actor=actor, strategy=strategy, target=measure, ministry=measure.lead_ministry
            )
            return
        ensure(allowed)
        raise StrategyClosed(strategy)
    ensure(allowed)


def can_write_core_group(*, user: Any, group: CoreGroup) -> bool:
    return can_report_for(user=user, ministry=group.lead_ministry)


def can_assess(*, user: Any) -> bool:
    """May the user give an assessment, for their own ministry (or as the coordinator)?"""
    if ministry_of(user) is None:
        return False
    return can_coordinate_follow_up(user) or has_role(user, roles.ADMIN_HEAD)


def can_revise_assessment(*, user: Any, assessment: CriteriaAssessment) -> bool:
    """The assessing ministry (its admin head, or the coordinator for the coordinating ministry)
    revises its own assessment; the secretariat corrects one of a closed strategy period."""
    own = ministry_of(user)
    mine = can_assess(user=user) and own is not None and own.pk == assessment.ministry_id
    return mine or may_correct_measure(user=user, measure=assessment.measure)
