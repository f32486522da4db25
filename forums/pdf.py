"""PDFs of the notice with agenda, the minutes and proposal versions, rendered by WeasyPrint.

What is kept (the approved minutes' stored PDF, the archive extraction) is in bokmål, the
forum's language of record; a notice or draft minutes opened in the portal is in the reader's
language.
"""

import threading
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from forums.models import Meeting, Minutes, ProposalVersion

# WeasyPrint makes a new font configuration for every document unless given one, and the
# fontconfig and Pango objects behind it are never freed: about 0.3 MiB lost per PDF, which
# made an archive extraction grow with its number of documents. One per thread (Pango's font
# map is not shared between threads) keeps memory flat.
_fonts = threading.local()


def _font_config() -> FontConfiguration:
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def _render(template: str, context: dict, language: str = "nb") -> bytes:
    with translation.override(language):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_font_config())


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
