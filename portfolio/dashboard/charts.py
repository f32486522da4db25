"""Geometry of the A-against-C chart, computed here so the SVG needs no JavaScript."""

from dataclasses import dataclass

SIZE = 420
PAD = 48
PLOT = SIZE - 2 * PAD


@dataclass
class Point:
    code: str
    name: str
    x: float
    y: float
    r: float
    a: float
    b: float | None
    c: float
    a_low: float
    a_high: float
    c_low: float
    c_high: float
    x_low: float
    x_high: float
    y_low: float
    y_high: float

    @property
    def label_dx(self) -> float:
        return self.r + 2


def _x(score: float) -> float:
    return round(PAD + (score - 1) / 4 * PLOT, 1)


def _y(score: float) -> float:
    return round(PAD + (5 - score) / 4 * PLOT, 1)


def scatter(measures, summary: dict[int, dict[str, dict]]) -> dict:
    """Points for measures with both A and C scores; B sets the circle size."""
    points = []
    for measure in measures:
        criteria = summary.get(measure.pk, {})
        a, c, b = criteria.get("A"), criteria.get("C"), criteria.get("B")
        if not a or not c:
            continue
        b_value = b["value"] if b else None
        points.append(
            Point(
                code=measure.code,
                name=measure.name,
                x=_x(a["value"]),
                y=_y(c["value"]),
                r=4 + 2 * (b_value or 1),
                a=a["value"],
                b=b_value,
                c=c["value"],
                a_low=a["low"],
                a_high=a["high"],
                c_low=c["low"],
                c_high=c["high"],
                x_low=_x(a["low"]),
                x_high=_x(a["high"]),
                y_low=_y(c["low"]),
                y_high=_y(c["high"]),
            )
        )
    ticks = [{"value": v, "x": _x(v), "y": _y(v)} for v in range(1, 6)]
    return {
        "size": SIZE,
        "pad": PAD,
        "plot": PLOT,
        "end": SIZE - PAD,
        "mid": SIZE / 2,
        "tick_label_y": SIZE - PAD + 18,
        "tick_label_x": PAD - 12,
        "axis_label_y": SIZE - 6,
        "points": points,
        "ticks": ticks,
    }


HIGH = 3  # a score of 3 or more counts as high when the chart is summed up by quadrant


def quadrants(summary: dict[int, dict[str, dict]]) -> dict[str, int]:
    """How many assessed measures fall in each quarter of the A-against-C chart."""
    counts = {"useful_feasible": 0, "useful_hard": 0, "less_useful_feasible": 0, "neither": 0}
    for criteria in summary.values():
        a, c = criteria.get("A"), criteria.get("C")
        if not a or not c:
            continue
        useful, feasible = a["value"] >= HIGH, c["value"] >= HIGH
        if useful:
            counts["useful_feasible" if feasible else "useful_hard"] += 1
        else:
            counts["less_useful_feasible" if feasible else "neither"] += 1
    counts["total"] = sum(counts.values())
    return counts
