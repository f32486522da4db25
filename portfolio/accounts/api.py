"""The API token endpoint, behind the same lockout as the login page and a rate limit."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from portfolio.accounts.forms import PASSWORD_MAX
from portfolio.accounts.tokens import api_token_issue
from portfolio.api_docs import ErrorDetailSerializer, FieldErrorsSerializer, operation_doc


class TokenInput(AuthTokenSerializer):
    """DRF's credentials, bounded: over-long input is refused before anything is checked."""

    username = serializers.CharField(
        label=gettext_lazy("Username"), max_length=150, write_only=True
    )
    password = serializers.CharField(
        label=gettext_lazy("Password"),
        max_length=PASSWORD_MAX,
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )


class ObtainTokenView(ObtainAuthToken):
    """POST user name and password, get the user's API token.

    The credentials pass through `authenticate(request=...)`, so django-axes counts failures
    and refuses a locked-out user name and address; the scoped throttle caps the rate per address.
    """

    serializer_class = TokenInput
    # The credentials are in the body: a stale token or session sent along must not turn the
    # exchange into a 401.
    authentication_classes: list[type] = []
    # ObtainAuthToken names DRF's own. The stubs type the setting as its dotted paths; at run
    # time api_settings has imported the classes.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # type: ignore[assignment]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth-token"

    @operation_doc(
        summary=gettext_lazy("Get an API token"),
        description=gettext_lazy(
            "Exchanges a user name and password for the user's API token; send it as "
            "`Authorization: Token <key>`. The token stays the same until it expires (after "
            "API_TOKEN_LIFETIME_DAYS, 90 by default) or is revoked; then this gives a new one. "
            "Failed attempts count towards the same lockout as the login page, and the number "
            "of attempts per address is limited."
        ),
        permissions=gettext_lazy(
            "Anyone; no login needed. A wrong user name or password gets 400, too many "
            "attempts get 429."
        ),
        auth=[],
        responses={
            200: TokenInput,
            400: OpenApiResponse(
                FieldErrorsSerializer,
                description=gettext_lazy("Bad input: a field is missing, or the login failed."),
            ),
            429: OpenApiResponse(
                ErrorDetailSerializer,
                description=gettext_lazy(
                    "Too many attempts from this address, or the account is locked after "
                    "repeated failed logins."
                ),
            ),
        },
    )
    def post(self, request, *args, **kwargs):
        try:
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            token = api_token_issue(user=serializer.validated_data["user"])
            return Response({"token": token.key})
        except ValidationError:
            # axes flags the request it saw; for the API that is DRF's request object.
            if getattr(request, "axes_locked_out", False):
                return Response(
                    {"detail": _("Too many failed logins. The account is locked for now.")},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            raise


obtain_token = ObtainTokenView.as_view()
