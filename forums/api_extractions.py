"""Archive extractions through the API, as on the secretariat's page: start one for a period,
follow it, and download the Noark 5 package when the worker has written it.

Only the secretariat; everyone else gets 403 before anything about the input is looked at.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from forums.models import ArchiveExtraction
from forums.services.extractions import archive_extraction_start
from forums.views.extractions import extraction_file
from portfolio.api_docs import ErrorDetailSerializer, operation_doc
from portfolio.permissions import is_secretariat

SECRETARIAT = gettext_lazy("Only the secretariat; others get 403.")


class IsSecretariat(BasePermission):
    def has_permission(self, request, view) -> bool:
        if not is_secretariat(request.user):
            self.message = _("Only the secretariat makes archive extractions.")
            return False
        return True


class ExtractionOutput(serializers.ModelSerializer):
    class Meta:
        model = ArchiveExtraction
        fields = [
            "id",
            "start",
            "end",
            "status",
            "done",
            "total",
            "error",
            "requested_at",
            "finished_at",
        ]
        extra_kwargs = {
            "status": {"help_text": gettext_lazy("queued, running, done or failed.")},
            "done": {"help_text": gettext_lazy("Documents written so far.")},
            "error": {"help_text": gettext_lazy("Why it failed; empty otherwise.")},
        }


class ExtractionInput(serializers.Serializer):
    start = serializers.DateField(help_text=gettext_lazy("First day of the period."))
    end = serializers.DateField(help_text=gettext_lazy("Last day of the period."))


@extend_schema_view(
    list=operation_doc(
        summary=gettext_lazy("List archive extractions"),
        description=gettext_lazy("The archive extractions, newest first, with their progress."),
        permissions=SECRETARIAT,
    ),
    retrieve=operation_doc(
        summary=gettext_lazy("Follow an archive extraction"),
        description=gettext_lazy("One archive extraction: its state and how far it has come."),
        permissions=SECRETARIAT,
    ),
)
class ExtractionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ExtractionOutput
    permission_classes = [IsAuthenticated, IsSecretariat]
    queryset = ArchiveExtraction.objects.order_by("-requested_at", "-pk")

    def perform_content_negotiation(self, request, force=False):
        # The package is a zip whatever Accept says; errors are JSON, as everywhere.
        if self.action == "download":
            return (JSONRenderer(), JSONRenderer.media_type)
        return super().perform_content_negotiation(request, force)

    @operation_doc(
        summary=gettext_lazy("Start an archive extraction"),
        description=gettext_lazy(
            "Starts a Noark 5 extraction of the documents registered in the period, as the "
            "secretariat's page does; a worker writes it. Follow it with GET and download it "
            "when its status is done. Answers with the extraction."
        ),
        permissions=SECRETARIAT,
        request=ExtractionInput,
        responses={202: ExtractionOutput},
    )
    def create(self, request):
        data = ExtractionInput(data=request.data)
        data.is_valid(raise_exception=True)
        extraction = archive_extraction_start(actor=request.user, **data.validated_data)
        return Response(ExtractionOutput(extraction).data, status=status.HTTP_202_ACCEPTED)

    @operation_doc(
        summary=gettext_lazy("Download an archive extraction"),
        description=gettext_lazy(
            "The Noark 5 package of a finished extraction, as a zip file; 404 until it is done."
        ),
        permissions=SECRETARIAT,
        responses={
            (200, "application/zip"): OpenApiTypes.BINARY,
            (404, "application/json"): OpenApiResponse(
                ErrorDetailSerializer,
                description=gettext_lazy("No such extraction, or it is not done yet."),
            ),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        response = extraction_file(self.get_object())
        if response is None:
            raise NotFound(_("The extraction is not done yet."))
        return response
