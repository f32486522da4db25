"""Template helpers for status reports: RAG labels and colours, trend arrows."""

from django import template
from django.utils.translation import gettext_lazy as _

from measures.models import Rag, StatusReport

register = template.Library()

RAG_COLORS = {Rag.GREEN: "success", Rag.AMBER: "warning", Rag.RED: "danger"}
TRENDS = {
    "up": ("↑", _("Improving")),
    "down": ("↓", _("Worsening")),
    "same": ("→", _("Unchanged")),
}


@register.inclusion_tag("portfolio/partials/_rag.html")
def rag(value: str | None):
    """A RAG rating as a coloured tag that also says the colour in words."""
    return {"label": dict(Rag.choices).get(value or ""), "color": RAG_COLORS.get(value or "")}


@register.inclusion_tag("portfolio/partials/_trend.html")
def trend(value: str | None):
    symbol, label = TRENDS.get(value or "", ("", ""))
    return {"symbol": symbol, "label": label}


@register.filter
def confidence_label(value: str | None) -> str:
    return str(dict(StatusReport.Confidence.choices).get(value or "", "–"))


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.filter
def get_criterion(criteria: dict, code: str):
    return criteria.get(code) if criteria else None
