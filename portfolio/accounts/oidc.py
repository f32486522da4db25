"""Single sign-on through OpenID Connect, configured entirely by the environment.

The provider's ministry claim (an abbreviation) picks the user's ministry, which must be
active today; the roles claim picks the portal's role groups. An unknown ministry is
refused before any account is created.
"""

import functools
import logging

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from portfolio import roles
from portfolio.accounts.services import sso_user_sync
from portfolio.models import Ministry

logger = logging.getLogger(__name__)

REFUSAL_SESSION_KEY = "sso_refusal"

# Settings that the provider's discovery document fills in when only the issuer is given.
_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


@functools.cache
def discovery(issuer: str) -> dict:
    """The provider's `.well-known/openid-configuration`, fetched once per process."""
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
    )
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured("OIDC discovery document names another issuer")
    return document


def oidc_setting(attr: str, *default):
    value = getattr(settings, attr, None)
    if value is None and attr in _DISCOVERED and settings.OIDC_OP_ISSUER:
        return discovery(settings.OIDC_OP_ISSUER).get(_DISCOVERED[attr])
    return import_from_settings(attr, *default)


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        return value.replace(",", " ").split()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []


class MinistryOIDCBackend(OIDCAuthenticationBackend):
    """Maps the provider's claims to a ministry and roles; refuses unknown ministries."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs) -> None:
        # Django builds a backend for every authenticate() call, local logins included:
        # resolve the provider's endpoints only when an SSO login needs them, so that a
        # provider that is down never blocks the local fallback.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None)
        self.UserModel = get_user_model()

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_JWKS_ENDPOINT", None))

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # The signature is checked above; also check that the token was issued to us, by
        # the provider we trust.
        audience = _as_list(payload.get("aud"))
        if settings.OIDC_RP_CLIENT_ID not in audience:
            raise SuspiciousOperation("OIDC token audience does not include this client")
        issuer = settings.OIDC_OP_ISSUER
        if issuer and str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("OIDC token from an unexpected issuer")
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("OIDC userinfo is about another subject")
        claims = {**payload, **userinfo}
        if not self.verify_claims(claims):
            raise SuspiciousOperation("OIDC claims lack a subject")

        abbreviation = str(claims.get(settings.OIDC_MINISTRY_CLAIM) or "").strip()
        ministry = (
            Ministry.objects.active_on(timezone.localdate())
            .filter(abbreviation__iexact=abbreviation)
            .first()
            if abbreviation
            else None
        )
        if ministry is None:
            logger.warning("SSO refused: unknown ministry %r", abbreviation[:20])
            self.request.session[REFUSAL_SESSION_KEY] = {
                "reason": "unknown_ministry",
                "ministry": abbreviation[:20],
            }
            return None

        wanted = _as_list(claims.get(settings.OIDC_ROLES_CLAIM))
        return sso_user_sync(
            issuer=settings.OIDC_OP_ISSUER or self.get_settings("OIDC_OP_TOKEN_ENDPOINT"),
            subject=str(claims["sub"]),
            ministry=ministry,
            roles=[role for role in wanted if role in roles.ALL_ROLES],
            username=str(claims.get("preferred_username") or ""),
            email=str(claims.get("email") or ""),
            first_name=str(claims.get("given_name") or ""),
            last_name=str(claims.get("family_name") or ""),
        )

    def filter_users_by_claims(self, claims):
        # Never used: users are found through their ExternalIdentity, not their e-mail.
        return self.UserModel.objects.none()


class _OnlyWhenEnabled:
    """The SSO views exist only when OIDC is configured; otherwise they are 404."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)
        else:
            View.__init__(self, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AuthenticationRequestView(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    def get(self, request):
        request.session.pop(REFUSAL_SESSION_KEY, None)
        return super().get(request)


class AuthenticationCallbackView(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            # A forged, replayed or misdirected token: refuse with the same page, log why.
            logger.warning("SSO refused: %s", exc)
            return self.login_failure()

    @property
    def failure_url(self) -> str:
        return reverse("accounts:sso-refused")
