"""GET /api/v1/search/?q=: the search of the portal, with the same permissions as the page."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from forums.selectors.search import QUERY_MAX, search


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text="Path of the page of the hit.")
    excerpt = serializers.CharField()


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    measures = SearchHitSerializer(many=True)
    proposals = SearchHitSerializer(many=True)
    meetings = SearchHitSerializer(many=True)
    agenda_items = SearchHitSerializer(many=True)
    minutes = SearchHitSerializer(many=True)


class SearchErrorSerializer(serializers.Serializer):
    q = serializers.ListField(child=serializers.CharField())


class SearchAPIView(APIView):
    """Search measures, proposals, meetings, agenda items and approved minutes.

    Søk i tiltak, saker, møter, dagsordenpunkter og godkjente referater.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="search",
        summary="Search / Søk",
        description=(
            "Any logged-in user. Results contain only what the user may see: draft proposals "
            "only for the coordinator and the secretariat, minutes only when approved. "
            "Full text with the Norwegian configuration on PostgreSQL.\n\n"
            "Alle innloggede. Resultatene viser bare det brukeren har tilgang til: utkast til "
            "saker bare for koordinator og sekretariat, referater bare når de er godkjent."
        ),
        parameters=[
            OpenApiParameter(
                "q",
                str,
                OpenApiParameter.QUERY,
                required=True,
                description=f"Search words, at most {QUERY_MAX} characters / Søkeord.",
            )
        ],
        responses={
            200: SearchResultsSerializer,
            400: OpenApiResponse(SearchErrorSerializer, description="Empty or invalid query."),
            403: OpenApiResponse(description="Not logged in / Ikke innlogget."),
        },
    )
    def get(self, request):
        results = search(user=request.user, query=request.query_params.get("q"))
        if results.error:
            return Response({"q": [results.error]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(SearchResultsSerializer(results).data)
