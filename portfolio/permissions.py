"""The roles of the portal and the user's ministry: the one place every app asks "who is this?".

The apps keep only their object rules (who signs for a ministry, who writes a measure) and build
them on these predicates. Each predicate takes any user (anonymous, inactive or None) and answers
False (or None) for one who is not logged in and active.

Public names:

- `is_active_user(user)`: logged in and active; every logged-in user may read the portal.
- `is_administrator(user)`: an active superuser. Not a role: apps grant it an action explicitly.
- `has_role(user, role)`: in the group of one of the roles of `portfolio.roles`.
- `ministry_of(user)`: the ministry the user works for (their profile), or None.
- `is_coordinator(user)`: the coordinator; see the rule below. `coordinators()`: the same rule
  as a queryset of users (for notifications and annotations).
- `is_secretariat(user)`: the secretariat (DSS).
- `is_observer(user)`: the observer role, which only reads.
- `is_measure_lead(user)`: runs a measure for their own ministry.
- `is_admin_head(user)` and `is_admin_head_of(user, ministry)`: a ministry's admin head
  (ekspedisjonssjef), as a role in the user's own ministry.
- `sign_grant_ministry_ids(user)`: ministries on which the user holds the sign permission as an
  explicit grant (given to a ministry's admin head; superusers get no shortcut). Delegations of
  it are a forums rule (`forums.permissions`).
- `admin_heads_of(ministries)`: the holders of those grants, for notifications.
- `ensure(allowed)`: raise PermissionDenied with the portal's message when not allowed.
- `users_asked_about(users)`: the users again, ready to be asked about without more queries
  (for a question asked of every recipient of a notification).

The coordinator rule: a user is the coordinator when they are in the coordinator group AND work
for the ministry that coordinates the strategy today (`portfolio.selectors.coordinating_ministry`).
The coordinating role moves between ministries (KDD, from 2024 DFD); the group alone would let
staff of the previous coordinating ministry keep the role. A superuser is not a coordinator:
roles say what the ministries' people do, and the forums refuse administrators the
coordinator's actions on proposals. Where an app lets administrators act as well (the
follow-up of measures), its own rule says so with `is_administrator`.

Answers are remembered on the user object for the request (a page asks several questions about
the same person); a user object whose groups or profile change must be fetched again.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.models import GroupObjectPermission, UserObjectPermission

from portfolio import roles
from portfolio.fragments import cached_part
from portfolio.models import Ministry, UserProfile
from portfolio.selectors import coordination_periods_on

SIGN_CODENAME = "sign_for_ministry"

__all__ = [
    "SIGN_CODENAME",
    "admin_heads_of",
    "coordinators",
    "ensure",
    "has_role",
    "is_active_user",
    "is_admin_head",
    "is_admin_head_of",
    "is_administrator",
    "is_coordinator",
    "is_measure_lead",
    "is_observer",
    "is_secretariat",
    "ministry_of",
    "sign_grant_ministry_ids",
    "users_asked_about",
]


def is_active_user(user: Any) -> bool:
    """Logged in and active: may read everything the portal shows to its users."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_administrator(user: Any) -> bool:
    """An active superuser; apps that let administrators act say so in their own rules."""
    return is_active_user(user) and bool(user.is_superuser)


def _role_names(user: Any) -> frozenset[str]:
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = cached_part(
            "roles", [user.pk], lambda: frozenset(user.groups.values_list("name", flat=True))
        )
        user._portal_roles = cached
    return cached


def has_role(user: Any, role: str) -> bool:
    """In the group of the role (one of `portfolio.roles`), and active."""
    return is_active_user(user) and role in _role_names(user)


def ministry_of(user: Any) -> Ministry | None:
    """The user's ministry, or None for anonymous users and users without a profile."""
    if user is None or not user.is_authenticated:
        return None
    # `__class__`, not `type()`: the request's user is a lazy object.
    relation = getattr(getattr(user.__class__, "profile", None), "related", None)
    if relation is not None and not relation.is_cached(user):
        # The profile and its ministry in one query; remembered, also when there is none.
        profile = UserProfile.objects.select_related("ministry").filter(user=user).first()
        relation.set_cached_value(user, profile)
    profile = getattr(user, "profile", None)
    return profile.ministry if profile else None


def is_coordinator(user: Any) -> bool:
    """In the coordinator group and working for today's coordinating ministry (module docstring)."""
    if not is_active_user(user):
        return False
    cached = getattr(user, "_portal_coordinator", None)
    if cached is None:
        known_roles = getattr(user, "_portal_roles", None)
        if known_roles is not None and roles.COORDINATOR not in known_roles:
            cached = False
        else:  # One query for the group, the profile and the coordination period together.
            cached = cached_part(
                "coordinator", [user.pk], lambda: coordinators().filter(pk=user.pk).exists()
            )
        user._portal_coordinator = cached
    return cached


def coordinators() -> QuerySet:
    """The users who are the coordinator today (the same rule as `is_coordinator`)."""
    coordinating = coordination_periods_on(timezone.localdate()).values("ministry_id")[:1]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.COORDINATOR)
        .filter(profile__ministry_id=Subquery(coordinating))
        .distinct()
    )


def is_secretariat(user: Any) -> bool:
    """The secretariat (DSS) drafts minutes, plans meetings and answers review comments."""
    return has_role(user, roles.SECRETARIAT)


def is_observer(user: Any) -> bool:
    """The observer reads only; the role grants no action."""
    return has_role(user, roles.OBSERVER)


def is_measure_lead(user: Any) -> bool:
    """Runs a measure and reports its status for the user's own ministry."""
    return has_role(user, roles.MEASURE_LEAD)


def is_admin_head(user: Any) -> bool:
    """A ministry's admin head (ekspedisjonssjef), of the user's own ministry."""
    return has_role(user, roles.ADMIN_HEAD) and ministry_of(user) is not None


def is_admin_head_of(user: Any, ministry: Ministry | None) -> bool:
    """The admin head of this ministry: the role, held by someone who works for it."""
    own = ministry_of(user)
    return (
        ministry is not None
        and own is not None
        and own.pk == ministry.pk
        and has_role(user, roles.ADMIN_HEAD)
    )


def sign_grant_ministry_ids(user: Any) -> set[int]:
    """Ministries on which the user holds the sign permission as an explicit guardian grant.

    `user.has_perm` says yes to every superuser; a ministry's position must only be recorded by
    the people the ministry has named, so the grants are queried directly.
    """
    if not is_active_user(user):
        return set()
    return set(cached_part("sign-grants", [user.pk], lambda: _sign_grants(user)))


def _sign_grants(user: Any) -> set[int]:
    content_type = ContentType.objects.get_for_model(Ministry)
    filters = {"permission__codename": SIGN_CODENAME, "content_type": content_type}
    own = UserObjectPermission.objects.filter(user=user, **filters).values_list(
        "object_pk", flat=True
    )
    via_groups = GroupObjectPermission.objects.filter(
        group__in=user.groups.all(), **filters
    ).values_list("object_pk", flat=True)
    return {int(pk) for pk in own.union(via_groups, all=True)}


def admin_heads_of(ministries: QuerySet[Ministry] | list[Ministry]) -> QuerySet:
    """The active users holding the sign grant on any of the ministries (for notifications)."""
    content_type = ContentType.objects.get_for_model(Ministry)
    pks = [str(ministry.pk) for ministry in ministries]
    grants = UserObjectPermission.objects.filter(
        permission__codename=SIGN_CODENAME, content_type=content_type, object_pk__in=pks
    )
    return (
        get_user_model()
        .objects.filter(pk__in=grants.values("user_id"), is_active=True)
        .select_related("profile")
    )


def ensure(allowed: bool, message: str | None = None) -> None:
    """Raise PermissionDenied (403 in the API and the pages) unless the action is allowed."""
    if not allowed:
        raise PermissionDenied(message or _("You may not make this change."))


def users_asked_about(users: Any) -> list[Any]:
    """The users again, with their profile and ministry, roles and coordinator standing read
    in three queries whatever their number: the predicates above then ask nothing more."""
    ids = {user.pk for user in users}
    fresh: list[Any] = list(
        get_user_model()
        .objects.filter(pk__in=ids)
        .select_related("profile__ministry")
        .order_by("pk")
    )
    names: dict[int, set[str]] = {pk: set() for pk in ids}
    memberships = get_user_model().groups.through.objects.filter(user_id__in=ids)
    for user_id, name in memberships.values_list("user_id", "group__name"):
        names[user_id].add(name)
    coordinating = set(coordinators().filter(pk__in=ids).values_list("pk", flat=True))
    for user in fresh:
        user._portal_roles = frozenset(names[user.pk])
        user._portal_coordinator = user.pk in coordinating
    return fresh
