"""The balance, the roadmap and the print view stay small and ask the same number of queries
however many measures the portfolio holds: they show a page (or a printed part) of measures at
a time, while their figures (target areas covered, quarters of the chart, milestones per quarter,
what needs attention) count every measure."""

import pytest
from django.conf import settings
from django.db.models import Count

from measures.models import Measure
from measures.selectors_portfolio import roadmap
from portfolio.dashboard.balance_views import PAGE_SIZE
from portfolio.dashboard.views import PRINT_PAGE_SIZE
from portfolio.models import TargetArea
from tests.portfolio.test_page_sizes import LIMIT, _generate, _weigh

pytestmark = pytest.mark.django_db
BALANCE = "/portefolje/balanse/"
ROADMAP = "/portefolje/veikart/"
PRINT = "/portefolje/utskrift/"
READERS = ["leder-fin", "koordinator"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_balance_roadmap_and_print_stay_under_the_limit_with_flat_queries(client_for, language):
    clients = {name: client_for(name) for name in READERS}
    for client in clients.values():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    paths = [BALANCE, ROADMAP, PRINT]
    weights = []
    for measures in (60, 240):
        _generate(measures, periods=6)
        weights.append(
            {
                (name, path): _weigh(client, path)
                for name, client in clients.items()
                for path in paths
            }
        )
    small, large = weights
    for key in small:
        assert large[key][1] == small[key][1], key  # queries
        assert large[key][0] < LIMIT, key
        if key[1] != PRINT:  # 60 measures print in one part, smaller than a part of 240
            assert large[key][0] < small[key][0] * 1.3, key  # one page of rows, both times


@pytest.fixture
def large(client_for):
    _generate(240, periods=6)
    return client_for("leder-fin")


def test_the_balance_shows_a_page_of_measures_and_figures_for_all(large):
    first = large.get(BALANCE)
    rows = first.context["coverage"]
    assert len(rows) == PAGE_SIZE
    total = Measure.objects.count()
    assert first.context["page"].paginator.count == total > PAGE_SIZE
    shown = {row["measure"].code for row in rows}
    assert {point.code for point in first.context["chart"]["points"]} <= shown
    assert {row["measure"].code for row in first.context["table"]} <= shown
    # Target areas count every measure, not the page's.
    every = dict(TargetArea.objects.annotate(n=Count("measures")).values_list("code", "n"))
    assert {area.code: count for area, count in first.context["area_counts"]} == every
    assert sum(every.values()) > sum(sum(row["areas"]) for row in rows)
    quadrants = first.context["quadrants"]
    assert quadrants["total"] > len(first.context["chart"]["points"])
    parts = ("useful_feasible", "useful_hard", "less_useful_feasible", "neither")
    assert sum(quadrants[key] for key in parts) == quadrants["total"]
    page = first.content.decode()
    assert f"Tiltak 1–{PAGE_SIZE} av {total}." in page
    assert 'href="?page=2#coverage-heading"' in page
    period = first.context["period"]
    chosen = large.get(f"{BALANCE}?period={period.pk}&page=2").content.decode()
    assert f'href="?period={period.pk}&amp;page=3#coverage-heading"' in chosen  # the period stays
    assert f'href="?period={period.pk}&amp;page=1#criteria-heading"' in chosen
    last = large.get(BALANCE + "?page=99")  # past the end: the last page
    later = {row["measure"].code for row in last.context["coverage"]}
    assert later and not later & shown


def test_the_roadmap_shows_a_page_of_measures_and_milestones_per_quarter_for_all(large):
    start = "2026-Q1"
    first = large.get(f"{ROADMAP}?start={start}")
    rows = first.context["rows"]
    assert len(rows) == PAGE_SIZE
    every = roadmap(start=(2026, 1), count=8)
    assert first.context["page"].paginator.count == len(every["rows"]) > PAGE_SIZE
    per_quarter = [sum(len(row["cells"][i]) for row in every["rows"]) for i in range(8)]
    assert [total["milestones"] for total in first.context["totals"]] == per_quarter
    reached = [
        sum(1 for row in every["rows"] for m in row["cells"][i] if m.actual_on) for i in range(8)
    ]
    assert [total["reached"] for total in first.context["totals"]] == reached
    assert [row["measure"].code for row in rows] == [
        row["measure"].code for row in every["rows"][:PAGE_SIZE]
    ]
    page = first.content.decode()
    assert f'href="?start={start}&amp;page=2#roadmap-table"' in page
    second = large.get(f"{ROADMAP}?start={start}&page=2").context["rows"]
    assert [row["measure"].code for row in second] == [
        row["measure"].code for row in every["rows"][PAGE_SIZE : 2 * PAGE_SIZE]
    ]


def test_the_print_view_prints_a_large_portfolio_in_parts(large):
    total = Measure.objects.count()
    first = large.get(PRINT)
    assert len(first.context["measures"]) == PRINT_PAGE_SIZE < total
    page = first.content.decode()
    assert 'id="print-parts"' in page and 'href="?page=2"' in page
    assert 'href="/portefolje/portefolje.pdf"' in page
    assert 'href="/portefolje/eksport.xlsx"' in page
    third = large.get(PRINT + "?page=3")
    assert {m.code for m in third.context["measures"]}.isdisjoint(
        m.code for m in first.context["measures"]
    )
    # The figures that need attention are the whole portfolio's in every part.
    assert third.context["red_measures"] == first.context["red_measures"]
    # The dashboard's filters apply; a selection that fits prints at once.
    red = large.get(PRINT + "?rag=red")
    reds = Measure.objects.filter(follow_up__latest_rag="red").count()
    assert len(red.context["measures"]) == min(reds, PRINT_PAGE_SIZE)
    if reds <= PRINT_PAGE_SIZE:
        assert 'id="print-parts"' not in red.content.decode()
    else:
        assert 'href="?rag=red&amp;page=2"' in red.content.decode()


def test_the_pdf_holds_every_measure_in_one_file(large):
    response = large.get("/portefolje/portefolje.pdf?status=active")
    assert response["Content-Type"] == "application/pdf"
    active = Measure.objects.filter(status="active").count()
    assert len(response.context["measures"]) == active > PRINT_PAGE_SIZE


@pytest.mark.parametrize("path", [BALANCE, ROADMAP + "?start=2026-Q1", PRINT])
def test_each_page_of_measures_is_cached_and_revalidated(large, path):
    large.cookies["csrftoken"] = "a" * 32  # as after the login form: the page may be cached
    second = path + ("&" if "?" in path else "?") + "page=2"
    first = large.get(second)
    assert first.status_code == 200
    assert first["ETag"] != large.get(path)["ETag"]  # every page has its own entry
    assert large.get(second, headers={"if-none-match": first["ETag"]}).status_code == 304
