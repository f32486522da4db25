"""The strategy period page and its summary in the API come from the page cache: closing the
period and a finished evaluation package show at once, the coordinator's page never reaches
anyone else, and the page that follows a build is always answered afresh."""

import pytest

from measures.models import ReportingPeriod
from portfolio.evaluation.scope import strategy_by_slug
from portfolio.strategy_closing import strategy_close
from portfolio.tasks import evaluation_package
from tests.follow_up import count_queries, open_period, report, user

pytestmark = pytest.mark.django_db
PAGE = "/strategi/2021-2025/"
SUMMARY = "/api/v1/strategies/2021-2025/summary/"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_period_page_is_cached_and_shows_its_closing_at_once(reader):
    client = reader("koordinator")
    before = client.get(PAGE)
    assert 'data-strategy-state="open"' in before.content.decode()
    assert count_queries(client, PAGE) < count_queries(reader("koordinator"), PAGE)
    assert client.get(PAGE, headers={"if-none-match": before["ETag"]}).status_code == 304
    strategy_close(actor=user("koordinator"), strategy=strategy_by_slug("2021-2025"))
    after = client.get(PAGE, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert 'data-strategy-state="closed"' in after.content.decode()


def test_the_coordinators_period_page_never_reaches_another_reader(reader):
    coordinator = reader("koordinator").get(PAGE)
    observer = reader("observator").get(PAGE)  # same cookie values, same path, same data
    assert "/strategi/2021-2025/avslutt/" in coordinator.content.decode()
    assert "/evaluering/" in coordinator.content.decode()
    for content in (observer.content.decode(),):
        assert "/strategi/2021-2025/avslutt/" not in content
        assert "Bygg evalueringspakken" not in content
    again = reader("observator").get(PAGE, headers={"if-none-match": coordinator["ETag"]})
    assert again.status_code == 200 and "/avslutt/" not in again.content.decode()


def test_a_finished_package_shows_at_once_and_following_a_build_is_never_cached(reader):
    client = reader("koordinator")
    assert "evaluering.zip" not in client.get(PAGE).content.decode()
    evaluation_package.apply(args=[strategy_by_slug("2021-2025").pk])
    assert "evaluering.zip" in client.get(PAGE).content.decode()
    following = PAGE + "?task=t-1"
    assert count_queries(client, following) == count_queries(client, following)
    assert "ETag" not in client.get(following)


def test_the_summary_in_the_api_is_cached_and_fresh(api_client_for):
    client = api_client_for("observator")
    before = client.get(SUMMARY)
    assert before.status_code == 200
    assert client.get(SUMMARY, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    period = ReportingPeriod.objects.filter(year=2025).order_by("sequence").first()
    report("T5", period or open_period(2025, 3), rag="red")
    after = client.get(SUMMARY, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["counts"]["status_reports"] > before.json()["counts"]["status_reports"]
