"""Who may do what in the forums: the object rules, built on the roles of `portfolio.permissions`.

Signing is checked on the object permission itself: `user.has_perm` and guardian's
ObjectPermissionChecker say yes to every superuser; a ministry's position must only ever be
recorded by the people the ministry has named (its grant holders and their active delegates), so
the grants are queried directly and superusers get no shortcut.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import Delegation, Forum, ForumMembership, ForumSeat, Proposal
from portfolio.fragments import cached_part
from portfolio.models import Ministry
from portfolio.permissions import (
    ensure,
    is_active_user,
    is_administrator,
    is_coordinator,
    is_secretariat,
    sign_grant_ministry_ids,
)

__all__ = [
    "active_delegations",
    "can_delegate_for",
    "can_manage_forums",
    "can_materialise",
    "can_plan_meetings",
    "can_sign_for",
    "ensure_may_edit_minutes",
    "ensure_may_prepare_proposals",
    "ensure_seat_ministry",
    "is_chair",
    "may_give_advice",
    "may_see_drafts",
    "seat_ministry",
    "signable_ministry_ids",
    "visible_proposals",
]


def may_give_advice(user: Any) -> bool:
    """The coordinator and the secretariat bring in advice from service forums and core groups."""
    return is_coordinator(user) or is_secretariat(user)


def may_see_drafts(user: Any) -> bool:
    """Drafts are seen by those who prepare them: the coordinator and the secretariat."""
    return is_coordinator(user) or is_secretariat(user)


def ensure_may_prepare_proposals(user: Any) -> None:
    """The coordinator drafts, opens, revises, closes, withdraws and escalates proposals."""
    ensure(is_coordinator(user), _("Only a coordinator may do this."))


def ensure_may_edit_minutes(user: Any) -> None:
    """The secretariat writes the minutes, sends them for review and answers the comments."""
    ensure(is_secretariat(user), _("Only the secretariat may edit minutes."))


def active_delegations(*, on: datetime.date | None = None) -> QuerySet[Delegation]:
    day = on or timezone.localdate()
    return Delegation.objects.filter(
        revoked_at__isnull=True, valid_from__lte=day, valid_to__gte=day
    )


def signable_ministry_ids(user: Any, *, on: datetime.date | None = None) -> set[int]:
    """Ministries the user may record positions for today: own grants and active delegations."""
    ids = sign_grant_ministry_ids(user)
    if is_active_user(user):
        if on is None:  # today's, asked on most pages: kept until a delegation changes
            ids |= set(cached_part(DELEGATED_PART, [user.pk], lambda: _delegated_ids(user, None)))
        else:
            ids |= _delegated_ids(user, on)
    return ids


DELEGATED_PART = "sign-delegations"


def _delegated_ids(user: Any, on: datetime.date | None) -> set[int]:
    return set(
        active_delegations(on=on)
        .filter(delegate=user)
        .order_by()  # a set: the ordering's join to the ministry is not needed
        .values_list("ministry_id", flat=True)
    )


def can_sign_for(*, user: Any, ministry: Ministry) -> bool:
    return ministry.pk in signable_ministry_ids(user)


def can_delegate_for(*, user: Any, ministry: Ministry) -> bool:
    """The admin head (explicit grant holder) or an administrator; deputies cannot pass it on."""
    if is_administrator(user):
        return True
    return ministry.pk in sign_grant_ministry_ids(user)


def visible_proposals(user: Any) -> QuerySet[Proposal]:
    """Every logged-in user sees the register; drafts only those who prepare them."""
    if not (user and user.is_authenticated):
        return Proposal.objects.none()
    queryset = Proposal.objects.all()
    if not may_see_drafts(user):
        queryset = queryset.exclude(status=Proposal.Status.DRAFT)
    return queryset


def _memberships(user: Any, forum: Forum) -> QuerySet[ForumMembership]:
    today = timezone.localdate()
    return (
        ForumMembership.objects.filter(forum=forum, user=user)
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
        .select_related("ministry")
    )


def is_chair(user: Any, forum: Forum) -> bool:
    """The forum's chair approves minutes after the review period."""
    if not is_active_user(user):
        return False
    return _memberships(user, forum).filter(role=ForumMembership.Role.CHAIR).exists()


def seat_ministry(user: Any, forum: Forum) -> Ministry | None:
    """The ministry whose seat this person holds in the forum, if they may speak for it."""
    if not is_active_user(user):
        return None
    seated = set(ForumSeat.objects.filter(forum=forum).values_list("ministry_id", flat=True))
    for membership in _memberships(user, forum).exclude(role=ForumMembership.Role.SECRETARY):
        ministry: Ministry = membership.ministry
        if ministry.pk in seated and can_sign_for(user=user, ministry=ministry):
            return ministry
    return None


def ensure_seat_ministry(user: Any, forum: Forum) -> Ministry:
    """The ministry whose seat the user speaks for in the forum; PermissionDenied if none."""
    ministry = seat_ministry(user, forum)
    if ministry is None:
        raise PermissionDenied(_("Only a ministry's seat in the forum may comment for it."))
    return ministry


def can_plan_meetings(user: Any) -> bool:
    """The secretariat plans the forums' meetings; administrators may as well."""
    return is_secretariat(user) or is_administrator(user)


def can_materialise(user: Any) -> bool:
    """System runs (no user), the secretariat and the coordinator may fill in the year."""
    if user is None:
        return True
    return can_plan_meetings(user) or is_coordinator(user)


def can_manage_forums(user: Any) -> bool:
    """The secretariat keeps the forums' members, chair, mandate and annual wheels.

    The coordinating ministry leads the forums, but DSS is their secretariat [SRC 2.3]; the
    admin heads sit in the forums and the observers read, so neither changes who sits there.
    """
    return is_secretariat(user) or is_administrator(user)
