"""Who may do what in the forums. Signing is checked on the object permission itself.

`user.has_perm` and guardian's ObjectPermissionChecker say yes to every superuser; a ministry's
position must only ever be recorded by the people the ministry has named, so the grants are
queried directly and superusers get no shortcut.
"""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from guardian.models import GroupObjectPermission, UserObjectPermission

from forums.models import Delegation, Forum, ForumMembership, ForumSeat, Proposal
from portfolio import roles
from portfolio.models import Ministry
from portfolio.types import User

SIGN_CODENAME = "sign_for_ministry"


def _has_role(user: Any, role: str) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return any(group.name == role for group in user.groups.all())


def is_coordinator(user: Any) -> bool:
    """Coordinators prepare, open, revise, close, escalate and withdraw proposals."""
    return _has_role(user, roles.COORDINATOR)


def may_give_advice(user: Any) -> bool:
    """The coordinator and the secretariat bring in advice from service forums and core groups."""
    return is_coordinator(user) or _has_role(user, roles.SECRETARIAT)


def may_see_drafts(user: Any) -> bool:
    return is_coordinator(user) or _has_role(user, roles.SECRETARIAT)


def granted_ministry_ids(user: Any) -> set[int]:
    """Ministries on which the user holds the sign permission as an explicit guardian grant."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    content_type = ContentType.objects.get_for_model(Ministry)
    filters = {"permission__codename": SIGN_CODENAME, "content_type": content_type}
    own = UserObjectPermission.objects.filter(user=user, **filters).values_list(
        "object_pk", flat=True
    )
    via_groups = GroupObjectPermission.objects.filter(
        group__in=user.groups.all(), **filters
    ).values_list("object_pk", flat=True)
    return {int(pk) for pk in [*own, *via_groups]}


def active_delegations(*, on: datetime.date | None = None) -> QuerySet[Delegation]:
    day = on or timezone.localdate()
    return Delegation.objects.filter(
        revoked_at__isnull=True, valid_from__lte=day, valid_to__gte=day
    )


def signable_ministry_ids(user: Any, *, on: datetime.date | None = None) -> set[int]:
    """Ministries the user may record positions for today: own grants and active delegations."""
    ids = granted_ministry_ids(user)
    if user and user.is_authenticated and user.is_active:
        ids |= set(
            active_delegations(on=on).filter(delegate=user).values_list("ministry_id", flat=True)
        )
    return ids


def can_sign_for(*, user: Any, ministry: Ministry) -> bool:
    return ministry.pk in signable_ministry_ids(user)


def can_delegate_for(*, user: Any, ministry: Ministry) -> bool:
    """The admin head (explicit grant holder) or an administrator; deputies cannot pass it on."""
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return ministry.pk in granted_ministry_ids(user)


def admin_heads_of(ministries: QuerySet[Ministry] | list[Ministry]) -> QuerySet[User]:
    """The users holding the sign grant on any of the ministries (for notifications)."""
    content_type = ContentType.objects.get_for_model(Ministry)
    pks = [str(ministry.pk) for ministry in ministries]
    grants = UserObjectPermission.objects.filter(
        permission__codename=SIGN_CODENAME, content_type=content_type, object_pk__in=pks
    )
    return (
        get_user_model()
        .objects.filter(Q(pk__in=grants.values("user_id")), is_active=True)
        .select_related("profile")
    )


def visible_proposals(user: Any) -> QuerySet[Proposal]:
    """Every logged-in user sees the register; drafts only those who prepare them."""
    if not (user and user.is_authenticated):
        return Proposal.objects.none()
    queryset = Proposal.objects.all()
    if not may_see_drafts(user):
        queryset = queryset.exclude(status=Proposal.Status.DRAFT)
    return queryset


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_secretariat(user: Any) -> bool:
    """The secretariat (DSS) drafts minutes, plans meetings and answers review comments."""
    return _active(user) and user.groups.filter(name=roles.SECRETARIAT).exists()


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
    return (
        _active(user) and _memberships(user, forum).filter(role=ForumMembership.Role.CHAIR).exists()
    )


def seat_ministry(user: Any, forum: Forum) -> Ministry | None:
    """The ministry whose seat this person holds in the forum, if they may speak for it."""
    if not _active(user):
        return None
    seated = set(ForumSeat.objects.filter(forum=forum).values_list("ministry_id", flat=True))
    for membership in _memberships(user, forum).exclude(role=ForumMembership.Role.SECRETARY):
        ministry: Ministry = membership.ministry
        if ministry.pk in seated and can_sign_for(user=user, ministry=ministry):
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
