"""Every chart's SVG is well formed and its numbers are plain numbers in both languages.

Bokmål writes decimals with a comma; an SVG coordinate such as x1="48,0" is not a number, and the
browser drops the shape. Each page with a chart is rendered in nb and en and every SVG on it parsed.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from measures.models import Measure
from measures.services.assessments import assessment_record
from portfolio.models import Criterion
from tests.follow_up import open_period, report, user

pytestmark = pytest.mark.django_db

NUMERIC = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy",
    "width", "height", "font-size", "stroke-width", "fill-opacity", "opacity",
}  # fmt: skip
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
NUMBER = re.compile(r"^-?\d+(\.\d+)?(%)?$")


def svg_numbers_problems(page: str) -> tuple[int, list[str]]:
    """The number of SVGs on the page and every attribute that is not a plain number."""
    problems, charts = [], SVG.findall(page)
    for chart in charts:
        root = ET.fromstring(chart)
        for element in root.iter():
            for name, value in element.attrib.items():
                if name in NUMERIC and not NUMBER.match(value):
                    problems.append(f"{element.tag} {name}={value!r}")
                elif name == "viewBox" and not all(NUMBER.match(v) for v in value.split()):
                    problems.append(f"viewBox={value!r}")
                elif name == "transform":
                    arguments = re.findall(r"\(([^)]*)\)", value)
                    if not all(NUMBER.match(v) for a in arguments for v in a.split()):
                        problems.append(f"transform={value!r}")
    return len(charts), problems


@pytest.fixture
def assessed(demo_users):
    """Two reports and uneven scores, so that the chart has fractional coordinates."""
    period = open_period(2027, 1)
    report("T5", period, rag="green")
    report("T4", period, by="leder-fin", rag="amber")
    measure = Measure.objects.get(code="T5")
    for username, scores in (("koordinator", (4, 3, 2)), ("leder-fin", (1, 2, 5))):
        for code, score in zip("ABC", scores, strict=True):
            assessment_record(
                actor=user(username),
                measure=measure,
                criterion=Criterion.objects.get(code=code),
                period=period,
                score=score,
            )
    return period


CHART_PAGES = {
    "balance": ("/portefolje/balanse/", 1),
    "wheel": ("/forums/strategisk-forum/?year=2027", 1),
    "roadmap": ("/portefolje/veikart/?start=2027-Q1", 0),
    "trend on the measure": ("/tiltak/T5/", 1),
    "trend on the dashboard": ("/portefolje/", 2),
}


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("chart", sorted(CHART_PAGES))
def test_chart_numbers_are_never_localised(client_for, assessed, chart, language):
    path, at_least = CHART_PAGES[chart]
    client = client_for("observator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path, headers={"accept-language": language})
    assert response.status_code == 200
    count, problems = svg_numbers_problems(response.content.decode())
    assert count >= at_least
    assert problems == []


def test_the_check_catches_a_decimal_comma():
    page = '<svg viewBox="0 0 10 10"><line x1="48,0" y1="1" transform="rotate(-90 14 2,5)"/></svg>'
    assert svg_numbers_problems(page) == (1, ["line x1='48,0'", "transform='rotate(-90 14 2,5)'"])


def test_the_trend_shows_each_period_with_a_table(client_for, assessed):
    second = open_period(2027, 2)
    report("T5", second, rag="red")
    page = client_for("observator").get("/tiltak/T5/").content.decode()
    assert 'aria-label="Status gjennom rapporteringsperiodene: 2027-1: Grønn, 2027-2: Rød"' in page
    dashboard = client_for("observator").get("/portefolje/").content.decode()
    assert 'aria-label="T1: 2027-1: Ingen rapport, 2027-2: Ingen rapport"' in dashboard
    assert "Status per tiltak og rapporteringsperiode" in dashboard
