"""Who may change what in the follow-up of measures. Everyone logged in may read.

- The measure's lead ministry writes its reports, risks, milestones and benefits: users of
  that ministry in the measure-lead or admin-head group.
- The coordinator (coordinator group, in the coordinating ministry) manages reporting periods,
  moves measures through their lifecycle and gives the coordinator's assessment.
- Each ministry's admin head gives that ministry's own assessment.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from measures.models import CoreGroup, Measure
from portfolio import roles
from portfolio.models import Ministry
from portfolio.selectors import coordinating_ministry

WRITER_ROLES = {roles.MEASURE_LEAD, roles.ADMIN_HEAD}


def _groups(user: Any) -> set[str]:
    # Cached on the user object: a page asks several questions about the same person.
    cached = getattr(user, "_portal_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._portal_groups = cached
    return cached


def ministry_of(user: Any) -> Ministry | None:
    """The user's ministry, or None for anonymous users and users without a profile."""
    if user is None or not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.ministry if profile else None


def can_report_for(*, user: Any, ministry: Ministry | None) -> bool:
    """May the user write follow-up data (reports, risks, …) on behalf of this ministry?"""
    if user is None or not user.is_authenticated or ministry is None:
        return False
    if user.is_superuser:
        return True
    own = ministry_of(user)
    return own is not None and own.pk == ministry.pk and bool(_groups(user) & WRITER_ROLES)


def can_write_measure(*, user: Any, measure: Measure) -> bool:
    return can_report_for(user=user, ministry=measure.lead_ministry)


def writable_measure_ids(*, user: Any) -> set[int]:
    """The measures whose reports the user may write, in one query (for lists of links)."""
    measures = Measure.objects.all()
    if not (user and user.is_authenticated and user.is_superuser):
        own = ministry_of(user)
        if own is None or not can_report_for(user=user, ministry=own):
            return set()
        measures = measures.filter(lead_ministry=own)
    return set(measures.values_list("pk", flat=True))


def can_write_core_group(*, user: Any, group: CoreGroup) -> bool:
    return can_report_for(user=user, ministry=group.lead_ministry)


def is_coordinator(*, user: Any) -> bool:
    """The user works for the coordinating ministry in the coordinator role (or is a superuser)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if roles.COORDINATOR not in _groups(user):
        return False
    own, coordinating = ministry_of(user), coordinating_ministry()
    return own is not None and coordinating is not None and own.pk == coordinating.pk


def can_assess(*, user: Any) -> bool:
    """May the user give an assessment, for their own ministry (or as the coordinator)?"""
    if ministry_of(user) is None:
        return False
    return is_coordinator(user=user) or roles.ADMIN_HEAD in _groups(user)


def ensure(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not make this change."))
