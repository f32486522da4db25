"""State changes of accounts: single sign-on provisioning, logging out everywhere."""

import hashlib
import re
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm
from rest_framework.authtoken.models import Token

from portfolio import roles as portal_roles
from portfolio.accounts.models import ExternalIdentity, SessionGeneration
from portfolio.accounts.signals import logged_out_everywhere
from portfolio.audit import audit_record
from portfolio.history import history_actor
from portfolio.models import Ministry, UserProfile
from portfolio.types import User

SIGN_PERMISSION = "portfolio.sign_for_ministry"
_USERNAME = re.compile(r"^[\w.@+-]{1,150}$")


def _free_username(username: str, issuer: str, subject: str) -> str:
    User = get_user_model()
    if _USERNAME.match(username) and not User.objects.filter(username=username).exists():
        return username
    # Taken by someone else (perhaps a local account) or unusable: a stable derived name.
    digest = hashlib.sha256(f"{issuer}|{subject}".encode()).hexdigest()[:16]
    return f"sso-{digest}"


@transaction.atomic
def sso_user_sync(
    *,
    issuer: str,
    subject: str,
    ministry: Ministry,
    roles: list[str],
    username: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Find or create the user behind a verified SSO identity and align ministry and roles.

    The identity provider is the authority: the ministry and the portal roles follow its
    claims at every login. Only groups named in `portfolio.roles` are touched. The admin
    head of a ministry may sign for it, as the demo cast does.
    """
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    created = identity is None
    if identity is None:
        user = get_user_model().objects.create_user(
            _free_username(username, issuer, subject),
            email=email[:254],
            first_name=first_name[:150],
            last_name=last_name[:150],
        )
        identity = ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    user = identity.user
    before = _snapshot(user)

    profile = UserProfile.objects.filter(user=user).first() or UserProfile(user=user)
    if profile.pk is None or profile.ministry_id != ministry.pk:
        profile.ministry = ministry
        with history_actor(user):  # the login happens before the request has a user
            profile.save()
    role_groups = [Group.objects.get_or_create(name=name)[0] for name in sorted(set(roles))]
    user.groups.remove(
        *Group.objects.filter(name__in=portal_roles.ALL_ROLES).exclude(
            pk__in=[group.pk for group in role_groups]
        )
    )
    user.groups.add(*role_groups)

    signs_for = get_objects_for_user(
        user, SIGN_PERMISSION, klass=Ministry, use_groups=False, with_superuser=False
    )
    for other in signs_for:
        if other != ministry or portal_roles.ADMIN_HEAD not in roles:
            remove_perm(SIGN_PERMISSION, user, other)
    if portal_roles.ADMIN_HEAD in roles:
        assign_perm(SIGN_PERMISSION, user, ministry)

    identity.last_login_at = timezone.now()
    identity.save(update_fields=["last_login_at"])
    after = _snapshot(user)
    audit_record(
        actor=user,
        kind="user.sso_created" if created else "user.sso_login",
        target=user,
        ministry=ministry,
        before=None if created else before,
        after=after,
    )
    return user


def _snapshot(user: User) -> dict[str, Any]:
    profile = UserProfile.objects.filter(user=user).select_related("ministry").first()
    return {
        "ministry": profile.ministry.abbreviation if profile else None,
        "roles": sorted(
            user.groups.filter(name__in=portal_roles.ALL_ROLES).values_list("name", flat=True)
        ),
    }


@transaction.atomic
def account_logout_everywhere(*, actor: User | AnonymousUser, user: User) -> int:
    """End all of the user's sessions and delete their API tokens; returns the new generation.

    A user may do this for themselves; a superuser for anyone (e.g. a lost laptop).
    """
    if not (actor.is_authenticated and (actor.pk == user.pk or actor.is_superuser)):
        raise PermissionDenied
    generation, _created = SessionGeneration.objects.select_for_update().get_or_create(user=user)
    generation.generation += 1
    generation.changed_at = timezone.now()
    generation.save(update_fields=["generation", "changed_at"])
    tokens = Token.objects.filter(user=user).delete()[0]
    logged_out_everywhere.send(sender=account_logout_everywhere, actor=actor, user=user)
    profile = UserProfile.objects.filter(user=user).select_related("ministry").first()
    audit_record(
        actor=actor,
        kind="user.logged_out_everywhere",
        target=user,
        ministry=profile.ministry if profile else None,
        after={"generation": generation.generation, "tokens_deleted": tokens},
    )
    return generation.generation
