"""The user's own API tokens: list them and revoke them."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portfolio.accounts.tokens import api_tokens_of, api_tokens_revoke, token_expires_at
from portfolio.api_docs import ErrorDetailSerializer, operation_doc


class OwnTokenSerializer(serializers.Serializer):
    prefix = serializers.SerializerMethodField(
        help_text=_("The first characters of the token, to recognise it; never the whole key.")
    )
    created = serializers.DateTimeField(help_text=_("When the token was issued."))
    expires = serializers.SerializerMethodField(help_text=_("When the token stops working."))

    def get_prefix(self, token) -> str:
        return token.key[:6]

    def get_expires(self, token) -> str:
        return serializers.DateTimeField().to_representation(token_expires_at(token))


class OwnTokensView(APIView):
    """GET lists, DELETE revokes the API tokens of the user who asks."""

    permission_classes = [IsAuthenticated]

    @operation_doc(
        operation_id="own_tokens_list",
        summary=_("List my API tokens"),
        description=_(
            "Lists the API tokens of the user who asks, with when each was issued and when "
            "it expires. The keys themselves are never shown again."
        ),
        permissions=_("Any logged-in user; each user sees only their own tokens."),
        responses={200: OwnTokenSerializer(many=True)},
    )
    def get(self, request):
        return Response(OwnTokenSerializer(api_tokens_of(request.user), many=True).data)

    @operation_doc(
        operation_id="own_tokens_revoke",
        summary=_("Revoke my API tokens"),
        description=_(
            "Deletes every API token of the user who asks, the one of this request too. "
            "A new one is had from the token endpoint."
        ),
        permissions=_("Any logged-in user, for their own tokens only."),
        responses={
            204: OpenApiResponse(description=_("The tokens are revoked.")),
            403: OpenApiResponse(
                ErrorDetailSerializer, description=_("Not allowed: only your own tokens.")
            ),
        },
    )
    def delete(self, request):
        api_tokens_revoke(actor=request.user, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


own_tokens = OwnTokensView.as_view()
