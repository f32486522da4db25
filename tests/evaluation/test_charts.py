"""The period's charts read well: labels of the balance of criteria never cover each other,
numbers people read carry the language's decimal mark, and a period without data says so."""

import re
from xml.etree import ElementTree

import pytest
from django.utils import translation

from portfolio.evaluation import charts

SVG = "{http://www.w3.org/2000/svg}"


def label_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    """The boxes of the point labels, estimated as the chart places them."""
    boxes = []
    for text in ElementTree.fromstring(svg).iter(f"{SVG}text"):
        label = text.text or ""
        if re.fullmatch(r"S\d+( \+\d+)?", label):
            x, y = float(text.get("x", "")), float(text.get("y", ""))
            width = charts.CHAR_WIDTH * len(label)
            boxes.append((x, y - charts.LINE_HEIGHT, x + width, y, label))
    return boxes


def test_crowded_points_get_labels_that_never_overlap():
    points = [
        {"measure": f"S{n:04d}", "a": 3 + (n % 4) * 0.25, "c": 3 + (n % 3) * 0.25}
        for n in range(40)
    ]
    svg = charts.criteria_scatter(points)
    boxes = label_boxes(svg)
    assert boxes
    for index, (left, top, right, bottom, _) in enumerate(boxes):
        for o_left, o_top, o_right, o_bottom, _ in boxes[index + 1 :]:
            assert not (left < o_right and o_left < right and top < o_bottom and o_top < bottom)
    # Measures with the same scores are one point, its label counting the others.
    root = ElementTree.fromstring(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 12
    assert any(label.endswith("+3") for *_, label in boxes)
    assert "S0000, S0012, S0024, S0036: A 3, C 3" in svg


@pytest.mark.parametrize(("language", "expected"), [("nb", "66,7 / –"), ("en", "66.7 / –")])
def test_participation_labels_in_the_language_and_a_dash_for_nothing_asked(language, expected):
    rows = [{"ministry": "FIN", "asked": 3, "answered": 2, "meetings": 0, "attended": 0}]
    with translation.override(language):
        svg = charts.participation_bars(rows)
    assert f">{expected}<" in svg
    root = ElementTree.fromstring(svg)
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", r.get("width")) for r in root.iter(f"{SVG}rect"))


def test_a_period_without_data_says_so_in_every_chart():
    empty = {
        "rag_matrix": {"periods": [], "rows": [{"measure": "T1", "rag": []}]},
        "criteria_balance": [],
        "decisions_per_year": [{"year": 2021, "endorsed": 0, "not_endorsed": 0, "withdrawn": 0}],
        "participation": [],
    }
    with translation.override("nb"):
        drawn = charts.all_charts(empty)
    assert len(drawn) == 4
    for svg in drawn.values():
        assert "Ingen data i perioden." in svg
        assert charts.to_png(svg).startswith(b"\x89PNG")
