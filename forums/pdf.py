"""PDFs of the notice with agenda, the minutes and proposal versions, rendered by WeasyPrint.

What is kept (the approved minutes' stored PDF, the archive extraction) is in bokmål, the
forum's language of record; a notice or draft minutes opened in the portal is in the reader's
language.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from forums.models import Meeting, Minutes, ProposalVersion
from portfolio.pdf import html_to_pdf


def _render(template: str, context: dict, language: str = "nb") -> bytes:
    """Rendered with one font configuration per thread (`portfolio.pdf`): memory stays flat."""
    with translation.override(language):
        html = render_to_string(template, context)
    return html_to_pdf(html)


def agenda_pdf(meeting: Meeting, language: str = "nb") -> bytes:
    items = meeting.agenda_items.prefetch_related("measures", "attachments").order_by("number")
    return _render("forums/pdf/agenda.html", {"meeting": meeting, "items": items}, language)


def minutes_pdf(minutes: Minutes, language: str = "nb") -> bytes:
    meeting = minutes.meeting
    entries = minutes.entries.select_related("agenda_item", "owner_ministry").order_by(
        "agenda_item__number", "id"
    )
    items: dict[Any, list[Any]] = {}
    for entry in entries:
        items.setdefault(entry.agenda_item, []).append(entry)
    return _render(
        "forums/pdf/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "items": items.items(),
            "attendance": meeting.attendance.select_related("ministry"),
        },
        language,
    )


def proposal_version_pdf(version: ProposalVersion) -> bytes:
    return _render(
        "forums/pdf/proposal_version.html", {"version": version, "proposal": version.proposal}
    )
