"""GET /api/v1/search/?q=: the search of the portal, with the same permissions as the page."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from forums.selectors.search import QUERY_MAX, search
from portfolio.api_docs import FieldErrorsSerializer, operation_doc


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text=_("Path of the portal page of the hit."))
    excerpt = serializers.CharField()


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    measures = SearchHitSerializer(many=True)
    proposals = SearchHitSerializer(many=True)
    meetings = SearchHitSerializer(many=True)
    agenda_items = SearchHitSerializer(many=True)
    minutes = SearchHitSerializer(many=True)


class SearchAPIView(APIView):
    """Search measures, proposals, meetings, agenda items and approved minutes."""

    permission_classes = [IsAuthenticated]

    @operation_doc(
        operation_id="search",
        summary=_("Search"),
        description=_(
            "Searches measures, proposals, meetings, agenda items and approved minutes, and "
            "gives the hits of each kind. Full text with the Norwegian configuration on "
            "PostgreSQL."
        ),
        permissions=_(
            "Any logged-in user. The hits are filtered, not refused: draft proposals only for "
            "the coordinator and the secretariat, minutes only when approved."
        ),
        parameters=[
            OpenApiParameter(
                "q",
                str,
                OpenApiParameter.QUERY,
                required=True,
                description=format_lazy(
                    _("Search words, at most {max} characters."), max=QUERY_MAX
                ),
            )
        ],
        responses={
            200: SearchResultsSerializer,
            400: OpenApiResponse(
                FieldErrorsSerializer,
                description=_("Bad input: the query is empty or too long (under q)."),
            ),
        },
    )
    def get(self, request):
        results = search(user=request.user, query=request.query_params.get("q"))
        if results.error:
            return Response({"q": [results.error]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(SearchResultsSerializer(results).data)
