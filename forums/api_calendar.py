"""The caller's own calendar address (the secret iCal feed URL): see, rotate and revoke it.

The same services as the account page: a rotated or revoked address stops working at once,
and each change is audited. There is no way to name another user: each caller has only their own.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from forums.models import CalendarToken
from forums.services.calendar_tokens import calendar_token_revoke, calendar_token_rotate
from portfolio.api_docs import operation_doc

OWN_ONLY = _("Any logged-in user, for their own calendar address only.")


class CalendarAddressSerializer(serializers.Serializer):
    exists = serializers.BooleanField(help_text=_("True when the caller has a calendar address."))
    url = serializers.URLField(
        allow_null=True,
        help_text=_(
            "The address calendar apps read the meetings of the caller's forums from, without "
            "logging in; null when there is none. Keep it secret."
        ),
    )


def _address(request: Any, token: str | None) -> dict:
    url = reverse("forums:personal-calendar", args=[token]) if token else None
    return {"exists": token is not None, "url": request.build_absolute_uri(url) if url else None}


class CalendarAddressView(APIView):
    """GET shows, DELETE revokes the calendar address of the user who asks."""

    permission_classes = [IsAuthenticated]

    @operation_doc(
        operation_id="own_calendar_address",
        summary=_("My calendar address"),
        description=_(
            "Whether the caller has a calendar address, and the address. Reading it makes "
            "none; POST …/rotate/ makes a new one."
        ),
        permissions=OWN_ONLY,
        responses={200: CalendarAddressSerializer},
    )
    def get(self, request):
        token = CalendarToken.objects.filter(user=request.user).values_list("token", flat=True)
        return Response(CalendarAddressSerializer(_address(request, token.first())).data)

    @operation_doc(
        operation_id="own_calendar_address_revoke",
        summary=_("Revoke my calendar address"),
        description=_(
            "The caller's calendar address stops working at once; calendar apps that read it "
            "get 404. Revoking when there is none changes nothing."
        ),
        permissions=OWN_ONLY,
        responses={204: OpenApiResponse(description=_("The calendar address is revoked."))},
    )
    def delete(self, request):
        calendar_token_revoke(actor=request.user, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CalendarAddressRotateView(APIView):
    permission_classes = [IsAuthenticated]

    @operation_doc(
        operation_id="own_calendar_address_rotate",
        summary=_("New calendar address"),
        description=_(
            "Gives the caller a new calendar address (or a first one); the old one stops "
            "working at once. Give calendar apps the new one."
        ),
        permissions=OWN_ONLY,
        request=None,
        responses={200: CalendarAddressSerializer},
    )
    def post(self, request):
        token = calendar_token_rotate(actor=request.user, user=request.user)
        return Response(CalendarAddressSerializer(_address(request, token)).data)


own_calendar_address = CalendarAddressView.as_view()
own_calendar_address_rotate = CalendarAddressRotateView.as_view()
