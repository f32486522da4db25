"""The API token endpoint, behind the same lockout as the login page and a rate limit."""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle


class ObtainTokenView(ObtainAuthToken):
    """POST user name and password, get the user's API token.

    The credentials pass through `authenticate(request=...)`, so django-axes counts failures
    and refuses a locked-out user name and address; the scoped throttle caps the rate per address.
    """

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth-token"

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # axes flags the request it saw; for the API that is DRF's request object.
            if getattr(request, "axes_locked_out", False):
                return Response(
                    {"detail": _("Too many failed logins. The account is locked for now.")},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            raise


obtain_token = ObtainTokenView.as_view()
