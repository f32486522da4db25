"""The four charts of a strategy period as SVG strings, and PNG copies of them.

Attribute values are built here in Python with plain number formatting: a template would
localise them, and bokmål writes a decimal comma that SVG cannot read. Labels are translated
with the active language; every text is escaped.
"""

from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

RAG_COLOURS = {"green": "#1a7f37", "amber": "#bf8700", "red": "#cf222e", None: "#e6e6e6"}
OUTCOME_COLOURS = {"endorsed": "#1a7f37", "not_endorsed": "#cf222e", "withdrawn": "#6e7781"}
FONT = 'font-family="sans-serif" font-size="12"'


def num(value: float) -> str:
    """A number for an SVG attribute: a point as decimal mark, at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>"
        f'<rect width="{num(width)}" height="{num(height)}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
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


def rag_heatmap(matrix: dict) -> str:
    periods, rows = matrix["periods"], matrix["rows"]
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
    return _svg(width, height, _("Overall status (RAG) of every measure in every period"), body)


def criteria_scatter(points: list[dict]) -> str:
    size, pad = 420, 50
    plot = size - 2 * pad

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
    for point in points:
        cx, cy = x(point["a"]), y(point["c"])
        title = f"{point['measure']}: A {num(point['a'])}, C {num(point['c'])}"
        body.append(
            f'<circle cx="{num(cx)}" cy="{num(cy)}" r="6" fill="#0062ba" fill-opacity="0.7">'
            f"<title>{escape(title)}</title></circle>"
        )
        body.append(_text(cx + 8, cy - 6, point["measure"]))
    return _svg(size, size, _("Balance of criteria A (useful) against C (feasible)"), body)


def outcome_labels() -> dict[str, str]:
    return {
        "endorsed": _("Endorsed"),
        "not_endorsed": _("Not endorsed"),
        "withdrawn": _("Withdrawn"),
    }


def decisions_bars(per_year: list[dict]) -> str:
    width, height, left, top, bottom = 460, 300, 50, 20, 70
    plot_h = height - top - bottom
    highest = max([sum(row[o] for o in OUTCOME_COLOURS) for row in per_year] + [1])
    bar_w = (width - left - 20) / max(len(per_year), 1)
    labels = outcome_labels()
    body = [
        _text(left - 6, top + 4, highest, anchor="end"),
        _text(left - 6, top + plot_h, 0, anchor="end"),
    ]
    for index, row in enumerate(per_year):
        x = left + index * bar_w + 6
        base = top + plot_h
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
    return _svg(width, height, _("Decisions per year by outcome"), body)


def share(part: int, whole: int) -> float:
    """A percentage, 0 when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else 0.0


def participation_bars(rows: list[dict]) -> str:
    left, top, row_h, bar_max = 70, 40, 30, 300
    width = left + bar_max + 80
    height = top + row_h * max(len(rows), 1) + 20
    body = [
        _rect(left, 10, 12, 10, "#0062ba"),
        _text(left + 16, 19, _("Positions by the deadline (%)")),
        _rect(left + 200, 10, 12, 10, "#7fb1dd"),
        _text(left + 216, 19, _("Meetings attended (%)")),
    ]
    for index, row in enumerate(rows):
        y = top + index * row_h
        answered, attended = (
            share(row["answered"], row["asked"]),
            share(row["attended"], row["meetings"]),
        )
        body.append(_text(left - 6, y + 16, row["ministry"], anchor="end"))
        body.append(
            _rect(
                left,
                y,
                answered / 100 * bar_max,
                11,
                "#0062ba",
                f"{row['ministry']}: {num(answered)} %",
            )
        )
        body.append(
            _rect(
                left,
                y + 12,
                attended / 100 * bar_max,
                11,
                "#7fb1dd",
                f"{row['ministry']}: {num(attended)} %",
            )
        )
        body.append(_text(left + bar_max + 6, y + 16, f"{num(answered)} / {num(attended)}"))
    return _svg(width, height, _("Participation per ministry"), body)


def all_charts(summary: dict) -> dict[str, str]:
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
