"""Who may change what in the follow-up of measures: object rules on `portfolio.permissions`.

Everyone logged in may read.

- The measure's lead ministry writes its reports, risks, milestones and benefits: users of
  that ministry in the measure-lead or admin-head role.
- The coordinator (`portfolio.permissions.is_coordinator`) manages reporting periods, moves
  measures through their lifecycle and gives the coordinator's assessment. Administrators
  (superusers) may do all of this as well (`can_coordinate_follow_up`).
- Each ministry's admin head gives that ministry's own assessment.
"""

from typing import Any

from measures.models import CoreGroup, Measure
from portfolio import roles
from portfolio.models import Ministry
from portfolio.permissions import (
    ensure,
    has_role,
    is_administrator,
    is_coordinator,
    is_measure_lead,
    ministry_of,
)

__all__ = [
    "can_assess",
    "can_coordinate_follow_up",
    "can_report_for",
    "can_write_core_group",
    "can_write_measure",
    "ensure",
    "may_write_follow_up",
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
    return can_report_for(user=user, ministry=measure.lead_ministry)


def can_write_core_group(*, user: Any, group: CoreGroup) -> bool:
    return can_report_for(user=user, ministry=group.lead_ministry)


def can_assess(*, user: Any) -> bool:
    """May the user give an assessment, for their own ministry (or as the coordinator)?"""
    if ministry_of(user) is None:
        return False
    return can_coordinate_follow_up(user) or has_role(user, roles.ADMIN_HEAD)
