"""The dashboard and the strategy period page stay small and ask the same number of queries
however many measures the portfolio holds: they show a page of measures at a time."""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from tests.follow_up import count_queries

pytestmark = pytest.mark.django_db
LIMIT = 150_000  # bytes of HTML a page may weigh at 100× the real data
DASHBOARD = "/portefolje/"
PERIOD_PAGE = "/strategi/2021-2025/"


def _generate(measures: int, **options) -> None:
    call_command(
        "generate_portfolio", measures=measures, force=True, stdout=io.StringIO(), **options
    )


def _weigh(client, path: str) -> tuple[int, int]:
    """Bytes and SQL queries of a GET made afresh, not served from the page cache."""
    cache.clear()
    size = len(client.get(path).content)
    cache.clear()
    return size, count_queries(client, path)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_dashboard_stays_under_the_limit_with_flat_queries(client_for, demo_users, language):
    readers = ["leder-fin", "koordinator"]
    clients = {name: client_for(name) for name in readers}
    for client in clients.values():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    weights = []
    for measures in (60, 240):
        _generate(measures, periods=8)  # the trend shows up to eight periods
        weights.append({name: _weigh(client, DASHBOARD) for name, client in clients.items()})
    small, large = weights
    for name in readers:
        assert large[name][1] == small[name][1], name  # queries
        assert large[name][0] < LIMIT, name
        assert large[name][0] < small[name][0] * 1.2, name  # one page of rows, both times
    page = clients["leder-fin"].get(DASHBOARD + "?page=5").content.decode()
    assert "/tiltak/S0201/" in page  # measures 201–250 in code order
    assert "/tiltak/S0001/" not in page


@pytest.fixture
def period_page_clients(client_for, demo_users):
    return {name: client_for(name) for name in ("leder-fin", "koordinator")}


def test_the_strategy_period_page_stays_under_the_limit_with_flat_queries(period_page_clients):
    weights = []
    for measures in (60, 240):
        # Every reporting period of 2021–2025: fifteen columns in the heat map.
        _generate(measures, strategy="2021-2025")
        weights.append(
            {name: _weigh(client, PERIOD_PAGE) for name, client in period_page_clients.items()}
        )
    small, large = weights
    for name in period_page_clients:
        assert large[name][1] == small[name][1], name
        assert large[name][0] < LIMIT, name
        assert large[name][0] < small[name][0] * 1.2, name


def test_the_strategy_period_page_shows_the_measures_page_by_page(period_page_clients):
    _generate(240, strategy="2021-2025")
    client = period_page_clients["leder-fin"]
    first = client.get(PERIOD_PAGE)
    rows = first.context["summary"]["rag_matrix"]["rows"]
    assert 20 <= len(rows) < 240
    total = first.context["page"].paginator.count
    assert total == first.context["summary"]["counts"]["measures"] >= 240
    shown = {row["measure"] for row in rows}
    assert {point["measure"] for point in first.context["summary"]["criteria_balance"]} <= shown
    page = first.content.decode()
    assert f"Tiltak 1–{len(rows)} av {total}." in page
    assert 'href="?page=2#rag-heading"' in page
    last = client.get(PERIOD_PAGE + "?page=99")  # past the end: the last page
    later = {row["measure"] for row in last.context["summary"]["rag_matrix"]["rows"]}
    assert later and not later & shown
