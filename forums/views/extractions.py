"""The secretariat's archive extractions: start one, follow its progress, download the result."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from forums.forms.records import ExtractionForm
from forums.models import ArchiveExtraction
from forums.services.extractions import archive_extraction_start
from forums.views.common import page_with, run_form
from portfolio.permissions import is_secretariat


class SecretariatOnly(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExtractionListView(SecretariatOnly, TemplateView):
    template_name = "forums/journal/extractions.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["forums/journal/_extractions.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        extractions = list(ArchiveExtraction.objects.all()[:20])
        context.update(
            form=kwargs.get("forms", {}).get("form") or ExtractionForm(),
            extractions=extractions,
            running=any(e.status in ("queued", "running") for e in extractions),
        )
        return context

    def post(self, request):
        return run_form(
            request,
            ExtractionForm(request.POST),
            lambda data: archive_extraction_start(actor=request.user, **data),
            success=_("The extraction was started. It is ready for download when it is done."),
            back=reverse("journal:extractions"),
            page=page_with(ExtractionListView, request, {}, "form"),
        )


class ExtractionDownloadView(SecretariatOnly, View):
    def get(self, request, pk: int):
        response = extraction_file(get_object_or_404(ArchiveExtraction, pk=pk))
        if response is None:
            raise Http404
        return response


def extraction_file(extraction: ArchiveExtraction) -> FileResponse | None:
    """The finished extraction's package as a zip file to save; None until it is done."""
    name = extraction.result.name  # a file field without a name holds no file
    if extraction.status != ArchiveExtraction.Status.DONE or not name:
        return None
    return FileResponse(
        extraction.result.open("rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )
