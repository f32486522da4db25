"""The four charts of a strategy period as SVG strings, and PNG copies of them.

Attribute values are built here in Python with plain number formatting: a template would
localise them, and bokmål writes a decimal comma that SVG cannot read. Labels are translated
with the active language; every text is escaped.
"""

from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from forums.selectors.evaluation_figures import (
    CriteriaPoint,
    MinistryParticipation,
    RagMatrix,
    Summary,
)

RAG_COLOURS = {"green": "#1a7f37", "amber": "#bf8700", "red": "#cf222e", None: "#e6e6e6"}
OUTCOME_COLOURS = {"endorsed": "#1a7f37", "not_endorsed": "#cf222e", "withdrawn": "#6e7781"}
FONT = 'font-family="sans-serif" font-size="12"'


def num(value: float) -> str:
    """A number for an SVG attribute: a point as decimal mark, at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def shown(value: float | None) -> str:
    """A number in a label people read: the active language's decimal mark; "–" for none."""
    if value is None:
        return "–"
    return num(value).replace(".", str(get_format("DECIMAL_SEPARATOR")))


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>"
        f'<rect width="{num(width)}" height="{num(height)}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str | int, anchor: str = "start", extra: str = "") -> str:
    return (
        f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" {FONT}{extra}>'
        f"{escape(str(text))}</text>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, title: str = "") -> str:
    tip = f"<title>{escape(title)}</title>" if title else ""
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}">'
        f"{tip}</rect>"
    )


def _empty(width: float, height: float, title: str) -> str:
    """The chart of a period without the data it shows: its title and a note, not empty axes."""
    return _svg(
        width,
        height,
        title,
        [_text(width / 2, height / 2, _("No data in the period."), anchor="middle")],
    )


def rag_heatmap(matrix: RagMatrix) -> str:
    periods, rows = matrix["periods"], matrix["rows"]
    title = _("Overall status (RAG) of every measure in every period")
    if not periods or not rows:
        return _empty(460, 80, title)
    cell_w, cell_h, left, top = 22, 16, 90, 70
    width = max(left + cell_w * max(len(periods), 1) + 20, left + 4 * 100)
    height = top + cell_h * max(len(rows), 1) + 40
    labels = {"green": _("Green"), "amber": _("Amber"), "red": _("Red"), None: _("No report")}
    body = []
    for column, period in enumerate(periods):
        x = left + column * cell_w + cell_w / 2
        body.append(
            _text(x, top - 6, period, extra=f' transform="rotate(-60 {num(x)} {num(top - 6)})"')
        )
    for line, row in enumerate(rows):
        y = top + line * cell_h
        body.append(_text(left - 6, y + cell_h - 4, row["measure"], anchor="end"))
        for column, rag in enumerate(row["rag"]):
            title = f"{row['measure']} {periods[column]}: {labels[rag]}"
            body.append(
                _rect(left + column * cell_w, y, cell_w - 2, cell_h - 2, RAG_COLOURS[rag], title)
            )
    legend_y = top + cell_h * max(len(rows), 1) + 20
    for index, rag in enumerate(("green", "amber", "red", None)):
        x = left + index * 90
        body.append(_rect(x, legend_y - 10, 12, 12, RAG_COLOURS[rag]))
        body.append(_text(x + 16, legend_y, labels[rag]))
    return _svg(width, height, title, body)


# Label boxes are estimated at the charts' font size from the widest sans-serif font that
# renders them (DejaVu Sans in the PNG copies), with a gap between neighbours.
CHAR_WIDTH, LINE_HEIGHT, GAP = 8, 12, 4
Box = tuple[float, float, float, float]


def _overlaps(box: Box, others: list[Box]) -> bool:
    left, top, right, bottom = box
    return any(
        left < o_right and o_left < right and top < o_bottom and o_top < bottom
        for o_left, o_top, o_right, o_bottom in others
    )


def _label_place(cx: float, cy: float, text: str, taken: list[Box], bounds: Box) -> Box | None:
    """Where the label of the point at (cx, cy) fits beside it without covering another label:
    right above, right below, left above, left below; None when nowhere (the point's tooltip
    and the table still name it)."""
    width = CHAR_WIDTH * len(text)
    for left in (cx + 8, cx - 8 - width):
        for top in (cy - 6 - LINE_HEIGHT + 2, cy + 4):
            box = (left, top, left + width, top + LINE_HEIGHT)
            spaced = (left - GAP, top - GAP / 2, left + width + GAP, top + LINE_HEIGHT + GAP / 2)
            inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1]
            if inside and box[3] <= bounds[3] and not _overlaps(spaced, taken):
                return box
    return None


def criteria_scatter(points: list[CriteriaPoint]) -> str:
    size, pad = 420, 50
    plot = size - 2 * pad
    title = _("Balance of criteria A (useful) against C (feasible)")
    if not points:
        return _empty(size, 120, title)

    def x(score: float) -> float:
        return pad + (score - 1) / 4 * plot

    def y(score: float) -> float:
        return pad + (5 - score) / 4 * plot

    body = [
        f'<rect x="{num(pad)}" y="{num(pad)}" width="{num(plot)}" height="{num(plot)}" '
        'fill="none" stroke="#8c8c8c"/>'
    ]
    for score in range(1, 6):
        body.append(_text(x(score), size - pad + 16, score, anchor="middle"))
        body.append(_text(pad - 8, y(score) + 4, score, anchor="end"))
    body.append(_text(size / 2, size - 8, _("A: useful (mean score)"), anchor="middle"))
    body.append(
        _text(
            14,
            size / 2,
            _("C: feasible (mean score)"),
            anchor="middle",
            extra=f' transform="rotate(-90 14 {num(size / 2)})"',
        )
    )
    # Measures with the same scores share one point; its label names the first and the count.
    together: dict[tuple[float, float], list[str]] = defaultdict(list)
    for point in points:
        together[(point["a"], point["c"])].append(point["measure"])
    taken: list[Box] = []
    labels = []
    for (a, c), measures in together.items():
        cx, cy = x(a), y(c)
        tip = f"{', '.join(measures)}: A {shown(a)}, C {shown(c)}"
        radius = 6 if len(measures) == 1 else 8
        body.append(
            f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{radius}" fill="#0062ba" '
            f'fill-opacity="0.7"><title>{escape(tip)}</title></circle>'
        )
        text = measures[0] if len(measures) == 1 else f"{measures[0]} +{len(measures) - 1}"
        box = _label_place(cx, cy, text, taken, (pad, 0, size, size - pad))
        if box is not None:
            taken.append(box)
            labels.append(_text(box[0], box[3] - 2, text))
    return _svg(size, size, title, body + labels)


def outcome_labels() -> dict[str, str]:
    return {
        "endorsed": _("Endorsed"),
        "not_endorsed": _("Not endorsed"),
        "withdrawn": _("Withdrawn"),
    }


def decisions_bars(per_year: list[dict[str, int]]) -> str:
    width, height, left, top, bottom = 460, 300, 50, 20, 70
    title = _("Decisions per year by outcome")
    totals = [sum(row[o] for o in OUTCOME_COLOURS) for row in per_year]
    if not any(totals):
        return _empty(width, 80, title)
    plot_h = height - top - bottom
    highest = max(totals)
    bar_w = (width - left - 20) / max(len(per_year), 1)
    labels = outcome_labels()
    body = [
        _text(left - 6, top + 4, highest, anchor="end"),
        _text(left - 6, top + plot_h, 0, anchor="end"),
    ]
    for index, row in enumerate(per_year):
        x = left + index * bar_w + 6
        base: float = top + plot_h
        for outcome, colour in OUTCOME_COLOURS.items():
            h = row[outcome] / highest * plot_h
            if h:
                body.append(
                    _rect(
                        x,
                        base - h,
                        bar_w - 12,
                        h,
                        colour,
                        f"{row['year']} {labels[outcome]}: {row[outcome]}",
                    )
                )
            base -= h
        body.append(_text(x + (bar_w - 12) / 2, top + plot_h + 16, row["year"], anchor="middle"))
    for index, (outcome, colour) in enumerate(OUTCOME_COLOURS.items()):
        lx = left + index * 130
        body.append(_rect(lx, height - 24, 12, 12, colour))
        body.append(_text(lx + 16, height - 14, labels[outcome]))
    return _svg(width, height, title, body)


def share(part: int, whole: int) -> float:
    """A percentage, 0 when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else 0.0


def participation_bars(rows: list[MinistryParticipation]) -> str:
    left, top, row_h, bar_max = 70, 40, 30, 300
    width = left + bar_max + 80
    title = _("Participation per ministry")
    if not rows:
        return _empty(width, 80, title)
    height = top + row_h * len(rows) + 20
    answered_label, attended_label = _("Positions by the deadline (%)"), _("Meetings attended (%)")
    second = left + 16 + CHAR_WIDTH * len(answered_label) + 16
    body = [
        _rect(left, 10, 12, 10, "#0062ba"),
        _text(left + 16, 19, answered_label),
        _rect(second, 10, 12, 10, "#7fb1dd"),
        _text(second + 16, 19, attended_label),
    ]
    width = max(width, second + 16 + CHAR_WIDTH * len(attended_label))
    for index, row in enumerate(rows):
        y = top + index * row_h
        # None where there was nothing to answer or attend: "–", not 0 %.
        answered = share(row["answered"], row["asked"]) if row["asked"] else None
        attended = share(row["attended"], row["meetings"]) if row["meetings"] else None
        body.append(_text(left - 6, y + 16, row["ministry"], anchor="end"))
        for offset, value, colour in ((0, answered, "#0062ba"), (12, attended, "#7fb1dd")):
            body.append(
                _rect(
                    left,
                    y + offset,
                    (value or 0) / 100 * bar_max,
                    11,
                    colour,
                    f"{row['ministry']}: {shown(value)} %",
                )
            )
        body.append(_text(left + bar_max + 6, y + 16, f"{shown(answered)} / {shown(attended)}"))
    return _svg(width, height, title, body)


def all_charts(summary: Summary) -> dict[str, str]:
    """The four charts by file stem."""
    return {
        "rag-heatmap": rag_heatmap(summary["rag_matrix"]),
        "criteria-a-vs-c": criteria_scatter(summary["criteria_balance"]),
        "decisions-per-year": decisions_bars(summary["decisions_per_year"]),
        "participation": participation_bars(summary["participation"]),
    }


def to_png(svg: str) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"))
