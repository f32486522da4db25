"""Calendar feed addresses: the secret token in a person's feed URL, made, rotated, revoked."""

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from forums.models import CalendarToken
from portfolio.audit import audit_record


def calendar_token_get_or_create(*, user: Any) -> str:
    """The person's secret feed token, made on first use."""
    token, _made = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token.token


def _own(actor: Any, user: Any) -> None:
    if not (actor is not None and actor.is_authenticated and actor.pk == user.pk):
        raise PermissionDenied


@transaction.atomic
def calendar_token_rotate(*, actor: Any, user: Any) -> str:
    """A new feed address for the user; the old one stops working at once."""
    _own(actor, user)
    CalendarToken.objects.filter(user=user).delete()
    token = CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    audit_record(actor=actor, kind="user.calendar_feed_rotated", target=user)
    return token.token


@transaction.atomic
def calendar_token_revoke(*, actor: Any, user: Any) -> int:
    """The user's feed address stops working; the forum page makes a new one when next seen.

    Also run by "log out everywhere" (for oneself, or by a superuser for anyone).
    """
    if not (actor is not None and actor.is_authenticated and actor.is_superuser):
        _own(actor, user)
    deleted = CalendarToken.objects.filter(user=user).delete()[0]
    if deleted:
        audit_record(actor=actor, kind="user.calendar_feed_revoked", target=user)
    return deleted


def revoke_on_logout_everywhere(sender: Any, *, actor: Any, user: Any, **kwargs: Any) -> None:
    calendar_token_revoke(actor=actor, user=user)


def account_calendar_context(user: Any) -> dict[str, Any]:
    return {"has_feed": CalendarToken.objects.filter(user=user).exists()}
