"""The portfolio overview as a PDF, rendered by WeasyPrint like the forums' documents."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from portfolio.dashboard.views import PortfolioPrintView
from portfolio.pdf import html_to_pdf


class PortfolioPdfView(PortfolioPrintView):
    """The printable overview with the same filters, in the reader's language, as a download.

    Every measure the filters select, in one file: the print page's parts do not apply.
    """

    paginate = False

    def render_to_response(self, context, **response_kwargs):
        html = render_to_string("portfolio/pdf/dashboard.html", context, request=self.request)
        pdf = html_to_pdf(html)  # one font configuration per thread: memory stays flat
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"portefolje-{timezone.localdate():%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
