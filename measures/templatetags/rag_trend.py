"""A small server-side SVG of a measure's RAG over the reporting periods, with its table.

Coordinates are strings made here, never localised by the template: a decimal comma would
break the SVG in bokmål.
"""

from django import template
from django.utils.translation import gettext as _

from measures.templatetags.followup import RAG_LABELS

register = template.Library()

STEP, HEIGHT, PAD = 22, 40, 8
LEVEL = {"green": 8, "amber": 20, "red": 32}  # green highest
COLOUR = {"green": "#06622e", "amber": "#b35f00", "red": "#c01b1b"}


@register.inclusion_tag("portfolio/partials/_rag_trend.html")
def rag_trend(periods, rags, *, label: str, table: bool = True) -> dict:
    points, line = [], []
    for index, (period, rag) in enumerate(zip(periods, rags, strict=True)):
        x = PAD + index * STEP
        if rag in LEVEL:
            y = LEVEL[rag]
            points.append({"x": str(x), "y": str(y), "colour": COLOUR[rag], "rag": rag})
            line.append(f"{x},{y}")
        else:
            points.append({"x": str(x), "y": str(HEIGHT // 2), "colour": "", "rag": ""})
        points[-1]["period"] = period
        points[-1]["label"] = str(RAG_LABELS.get(rag or "", _("No report")))
    width = PAD * 2 + max(len(points) - 1, 0) * STEP
    summary = ", ".join(f"{p['period']}: {p['label']}" for p in points)
    return {
        "points": points,
        "polyline": " ".join(line),
        "width": str(width),
        "height": str(HEIGHT),
        "label": label,
        "summary": summary,
        "table": table,
    }
