"""The portfolio overview as a PDF, rendered by WeasyPrint like the forums' documents."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from portfolio.dashboard.views import PortfolioPrintView


class PortfolioPdfView(PortfolioPrintView):
    """The printable overview with the same filters, in the reader's language, as a download."""

    def render_to_response(self, context, **response_kwargs):
        html = render_to_string("portfolio/pdf/dashboard.html", context, request=self.request)
        pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"portefolje-{timezone.localdate():%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
