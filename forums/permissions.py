"""Who may do what with meetings and minutes: one check function per action."""

from typing import Any

from django.utils import timezone

from forums.models import Forum, ForumMembership, ForumSeat
from portfolio import roles
from portfolio.models import Ministry


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_secretariat(user: Any) -> bool:
    """The secretariat (DSS) drafts minutes, plans meetings and answers review comments."""
    return _active(user) and user.groups.filter(name=roles.SECRETARIAT).exists()


def _memberships(user: Any, forum: Forum):
    today = timezone.localdate()
    return (
        ForumMembership.objects.filter(forum=forum, user=user)
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
        .select_related("ministry")
    )


def is_chair(user: Any, forum: Forum) -> bool:
    """The forum's chair approves minutes after the review period."""
    return (
        _active(user) and _memberships(user, forum).filter(role=ForumMembership.Role.CHAIR).exists()
    )


def seat_ministry(user: Any, forum: Forum) -> Ministry | None:
    """The ministry whose seat this person holds in the forum, if they may speak for it."""
    if not _active(user):
        return None
    seated = set(ForumSeat.objects.filter(forum=forum).values_list("ministry_id", flat=True))
    for membership in _memberships(user, forum).exclude(role=ForumMembership.Role.SECRETARY):
        ministry = membership.ministry
        if ministry.pk in seated and user.has_perm("portfolio.sign_for_ministry", ministry):
            return ministry
    return None


def can_plan_meetings(user: Any) -> bool:
    return is_secretariat(user) or (_active(user) and user.is_superuser)


def can_materialise(user: Any) -> bool:
    """System runs (no user), the secretariat and the coordinator may fill in the year."""
    if user is None:
        return True
    return can_plan_meetings(user) or (
        _active(user) and user.groups.filter(name=roles.COORDINATOR).exists()
    )
