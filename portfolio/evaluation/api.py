"""The strategies and a period's figures, and the evaluation package, in the API.

GET /api/v1/strategies/, GET /api/v1/strategies/{slug}/summary/ (the figures of the period page),
POST/GET /api/v1/strategies/{slug}/evaluation-package/ (build it; follow the build) and
GET /api/v1/strategies/{slug}/evaluation-package.zip (the package last built).
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from forums.selectors import evaluation_figures as figures
from portfolio.accounts.tokens import ExpiringTokenAuthentication
from portfolio.api_docs import ErrorDetailSerializer, operation_doc
from portfolio.caching import cached_api
from portfolio.evaluation.build import package_download
from portfolio.evaluation.scope import Scope, strategy_by_slug, strategy_slug
from portfolio.evaluation.service import (
    evaluation_package_progress,
    evaluation_package_request,
    may_export_evaluation,
)
from portfolio.models import Strategy
from portfolio.permissions import ensure

ANY_USER = _("Any logged-in user.")
PACKAGE_USERS = _("The coordinator and the secretariat; others get 403.")
# Reads that refuse others say so: the hook documents 403 on writes only.
REFUSED = OpenApiResponse(
    ErrorDetailSerializer, description=_("Not allowed: only the coordinator and the secretariat.")
)
SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description=_("The strategy period, e.g. 2021-2025.")
)


class StrategySerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("The strategy period, e.g. 2021-2025."))
    code = serializers.CharField()
    title_nb = serializers.CharField()
    title_en = serializers.CharField()
    period_start = serializers.IntegerField()
    period_end = serializers.IntegerField()
    closed_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When the period was closed; null while it is open.")
    )
    predecessor = serializers.CharField(
        allow_null=True, help_text=_("The period this strategy succeeds, e.g. 2021-2025.")
    )


def _strategy(slug: str) -> Strategy:
    try:
        return strategy_by_slug(slug)
    except Strategy.DoesNotExist as exc:
        raise Http404 from exc


class AuthenticatedAPIView(APIView):
    permission_classes = [IsAuthenticated]
    # Token first: an unauthenticated request gets 401 rather than 403.
    authentication_classes = [ExpiringTokenAuthentication, SessionAuthentication]


class StrategyListAPIView(AuthenticatedAPIView):
    @operation_doc(
        operation_id="strategies_list",
        summary=_("List the strategies"),
        description=_("Every strategy period, the newest first."),
        permissions=ANY_USER,
        responses={200: StrategySerializer(many=True)},
    )
    def get(self, request):
        strategies = Strategy.objects.select_related("predecessor").order_by("-period_start")
        rows = [
            {
                "slug": strategy_slug(s),
                "code": s.code,
                "title_nb": s.title_nb,
                "title_en": s.title_en,
                "period_start": s.period_start,
                "period_end": s.period_end,
                "closed_at": s.closed_at,
                "predecessor": s.predecessor.slug if s.predecessor else None,
            }
            for s in strategies
        ]
        return Response(StrategySerializer(rows, many=True).data)


class StrategySummaryAPIView(AuthenticatedAPIView):
    @operation_doc(
        operation_id="strategies_summary",
        summary=_("Read the figures of a strategy period"),
        description=_(
            "The figures of the period page: rows per table of the evaluation package, the "
            "RAG of every measure in every reporting period, the mean scores on criteria A and "
            "C, closed proposals per year by outcome, and participation per ministry."
        ),
        permissions=ANY_USER,
        parameters=[SLUG],
        responses={200: inline_serializer("StrategySummary", {"counts": serializers.DictField()})},
    )
    @cached_api
    def get(self, request, slug: str):
        return Response(figures.summary(Scope(_strategy(slug))))


class EvaluationPackageAPIView(AuthenticatedAPIView):
    @operation_doc(
        operation_id="strategies_evaluation_package_create",
        summary=_("Build the evaluation package"),
        description=_(
            "Starts building the evaluation package of the period in the background and "
            "gives the task id to follow it with. Building again replaces the package."
        ),
        permissions=PACKAGE_USERS,
        parameters=[SLUG],
        request=None,
        responses={202: inline_serializer("EvaluationTask", {"task": serializers.CharField()})},
    )
    def post(self, request, slug: str):
        task = evaluation_package_request(actor=request.user, strategy=_strategy(slug))
        return Response({"task": task}, status=status.HTTP_202_ACCEPTED)

    @operation_doc(
        operation_id="strategies_evaluation_package_progress",
        summary=_("Follow the build of the evaluation package"),
        description=_("The state of the build and how many of its steps are done."),
        permissions=PACKAGE_USERS,
        parameters=[
            SLUG,
            OpenApiParameter("task", str, OpenApiParameter.QUERY, description=_("Task id.")),
        ],
        responses={
            403: REFUSED,
            200: inline_serializer(
                "EvaluationProgress",
                {
                    "state": serializers.CharField(),
                    "done": serializers.IntegerField(allow_null=True),
                    "total": serializers.IntegerField(allow_null=True),
                },
            ),
        },
    )
    def get(self, request, slug: str):
        _strategy(slug)
        task = request.query_params.get("task", "")
        return Response(evaluation_package_progress(actor=request.user, task_id=task))


class EvaluationPackageDownloadAPIView(AuthenticatedAPIView):
    def perform_content_negotiation(self, request, force=False):
        # The package is a zip whatever Accept says; an error is JSON, as everywhere.
        return (JSONRenderer(), JSONRenderer.media_type)

    @operation_doc(
        operation_id="strategies_evaluation_package_download",
        summary=_("Download the evaluation package"),
        description=_(
            "The evaluation package last built for the period, as a zip file: the workbook, "
            "the CSV files with datapackage.json, the charts and the notes."
        ),
        permissions=PACKAGE_USERS,
        parameters=[SLUG],
        responses={
            (200, "application/zip"): OpenApiTypes.BINARY,
            (403, "application/json"): REFUSED,
            (404, "application/json"): OpenApiResponse(
                ErrorDetailSerializer,
                description=_("No such period, or its package has not been built yet."),
            ),
        },
    )
    def get(self, request, slug: str):
        ensure(may_export_evaluation(request.user))
        strategy = _strategy(slug)
        return package_download(strategy)
