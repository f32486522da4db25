"""Template helpers for status reports: RAG labels and colours, trend arrows."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from measures.models import Rag, StatusReport

register = template.Library()

RAG_LABELS = dict(Rag.choices)
RAG_COLORS = {Rag.GREEN: "success", Rag.AMBER: "warning", Rag.RED: "danger"}
TRENDS = {
    "up": ("↑", _("Improving")),
    "down": ("↓", _("Worsening")),
    "same": ("→", _("Unchanged")),
}


# Simple tags with format_html, not inclusion tags: they render once per row of lists
# with hundreds of measures, where a template per call is measurably slower.
@register.simple_tag
def rag(value: str | None):
    """A RAG rating as a coloured tag that also says the colour in words."""
    label = RAG_LABELS.get(value or "")
    if label is None or value is None:
        return format_html('<span class="portal-muted">{}</span>', _("No report"))
    return format_html(
        '<span class="ds-tag portal-rag" data-color="{}">{}</span>', RAG_COLORS[Rag(value)], label
    )


@register.simple_tag
def trend(value: str | None):
    if value not in TRENDS:
        return "–"
    symbol, label = TRENDS[value]
    return format_html(
        '<span class="portal-trend"><span aria-hidden="true">{}</span> '
        '<span class="ds-sr-only">{}</span></span>',
        symbol,
        label,
    )


@register.filter
def confidence_label(value: str | None) -> str:
    return str(dict(StatusReport.Confidence.choices).get(value or "", "–"))


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.filter
def get_criterion(criteria: dict, code: str):
    return criteria.get(code) if criteria else None
