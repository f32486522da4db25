"""API tokens: issued with a lifetime (API_TOKEN_LIFETIME), listed and revoked by their owner."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from portfolio.audit import audit_record


def token_expires_at(token: Token) -> datetime.datetime:
    return token.created + settings.API_TOKEN_LIFETIME


def token_expired(token: Token) -> bool:
    return token_expires_at(token) <= timezone.now()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than its lifetime."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise AuthenticationFailed(_("The token has expired. Get a new one."))
        return user, token


def api_tokens_of(user: Any) -> list[Token]:
    """The user's own tokens (DRF keeps at most one per user)."""
    return list(Token.objects.filter(user=user))


@transaction.atomic
def api_token_issue(*, user: Any) -> Token:
    """The user's valid token, or a new one in place of an expired one."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and token_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


@transaction.atomic
def api_tokens_revoke(*, actor: Any, user: Any) -> int:
    """Delete the user's API tokens; a user revokes their own. Returns how many were deleted."""
    if not (actor.is_authenticated and actor.pk == user.pk):
        raise PermissionDenied
    deleted = Token.objects.filter(user=user).delete()[0]
    if deleted:
        audit_record(
            actor=actor, kind="user.api_tokens_revoked", target=user, after={"deleted": deleted}
        )
    return deleted
