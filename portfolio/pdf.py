"""Rendering HTML to PDF with WeasyPrint, with one font configuration per thread.

WeasyPrint makes a new font configuration for every document unless given one, and the
fontconfig and Pango objects behind it are never freed: about 0.3 MiB lost per PDF, which made
an archive extraction grow with its number of documents and would make every download of a PDF
page grow the web process. One per thread (Pango's font map is not shared between threads)
keeps memory flat. The forums' documents and the portfolio overview both render through here.
"""

import threading

from django.conf import settings
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

_fonts = threading.local()


def font_config() -> FontConfiguration:
    """This thread's font configuration, made on first use and kept."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`, its relative addresses read from the project folder."""
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=font_config())
