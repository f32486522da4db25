"""The portfolio overview as CSV and Excel, with the same filters as the page."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

TREND_LABELS = {"up": "↑", "down": "↓", "same": "→"}


def spreadsheet_safe(value: object) -> object:
    # A cell starting with =, +, - or @ would run as a formula in spreadsheets.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def header() -> list[str]:
    return [
        _("Code"),
        _("Measure"),
        _("Lead ministry"),
        _("Target areas"),
        _("Status"),
        _("Overall status (RAG)"),
        _("Delivery confidence"),
        _("Trend"),
        _("Next milestone"),
        _("Next milestone date"),
        _("Open risks"),
    ]


def rows(measures) -> list[list[object]]:
    from measures.models import Rag, StatusReport

    rag_labels = dict(Rag.choices)
    confidence_labels = dict(StatusReport.Confidence.choices)
    return [
        [
            measure.code,
            measure.name,
            measure.lead_ministry.abbreviation,
            ", ".join(area.code for area in measure.target_areas.all()),
            measure.get_status_display(),
            str(rag_labels.get(measure.latest_rag, "")),
            str(confidence_labels.get(measure.latest_confidence, "")),
            TREND_LABELS.get(measure.trend or "", ""),
            measure.next_milestone_title or "",
            measure.next_milestone_on,
            measure.open_risk_count,
        ]
        for measure in measures
    ]


def _filename(extension: str) -> str:
    return f"portefolje-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(measures) -> HttpResponse:
    buffer = io.StringIO()
    # Excel set to Norwegian splits columns on semicolons (the comma is the decimal sign).
    delimiter = ";" if (get_language() or "nb").startswith(("nb", "nn")) else ","
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header())
    for row in rows(measures):
        writer.writerow(
            [
                spreadsheet_safe(cell.isoformat() if hasattr(cell, "isoformat") else cell)
                for cell in row
            ]
        )
    # The byte-order mark makes Excel read the file as UTF-8 (æ, ø, å).
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(measures) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Portfolio")[:31]
    sheet.append(header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(measures):
        sheet.append([spreadsheet_safe(cell) for cell in row])
    for cell in sheet["J"][1:]:
        cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
