"""The API lists of what belongs to measures (status reports, assessments, milestones, risks,
benefits) show one strategy period: the current one, or the one named by ?strategy=."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import (
    Benefit,
    CoreGroup,
    CriteriaAssessment,
    Measure,
    Milestone,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from measures.services.succession import Named, strategy_successor_create
from portfolio.models import Criterion, Strategy

pytestmark = pytest.mark.django_db

LISTS = ["status-reports", "assessments", "milestones", "risks", "benefits"]
EARLIER, LATER = "2021-2025", "2026-2030"


def successor_with(*codes: str) -> Strategy:
    """The successor of the reference strategy, with the named measures carried over."""
    return strategy_successor_create(
        actor=get_user_model().objects.get(username="koordinator"),
        predecessor=Strategy.objects.get(code="GHFO-2021"),
        title_nb="Neste strategi",
        overall_goal_nb="Vi løser samfunnsutfordringer sammen",
        period_start=2026,
        period_end=2030,
        target_areas=[Named(name_nb="Samordning")],
        criteria=[Named(code="A", name_nb="Nyttig")],
        measures=list(Measure.objects.filter(code__in=codes)),
    )


def period(year: int) -> ReportingPeriod:
    return ReportingPeriod.objects.create(
        year=year,
        sequence=1,
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 4, 30),
        due_on=datetime.date(year, 5, 15),
    )


def report(reporting_period: ReportingPeriod, *, measure=None, core_group=None) -> StatusReport:
    subject = measure or core_group.measure
    return StatusReport.objects.create(
        period=reporting_period,
        measure=measure,
        core_group=core_group,
        rag="green",
        confidence="high",
        confidence_rationale="Godt grunnlag.",
        progress="green",
        schedule="green",
        cost="green",
        risk="green",
        ministry=subject.lead_ministry,
    )


def rows_of(measure: Measure, reporting_period: ReportingPeriod) -> dict[str, set[int]]:
    """One row of each list for the measure (and a core group's report), by list."""
    ministry = measure.lead_ministry
    criterion = Criterion.objects.filter(strategy__target_areas__in=measure.target_areas.all())[0]
    group = CoreGroup.objects.create(
        measure=measure, code=f"KG-{measure.pk}", name_nb="Kjernegruppe", lead_ministry=ministry
    )
    return {
        "status-reports": {
            report(reporting_period, measure=measure).pk,
            report(reporting_period, core_group=group).pk,
        },
        "assessments": {
            CriteriaAssessment.objects.create(
                measure=measure,
                criterion=criterion,
                ministry=ministry,
                period=reporting_period,
                score=3,
            ).pk
        },
        "milestones": {
            Milestone.objects.create(
                measure=measure, title="Milepæl", planned_on=datetime.date(2026, 6, 1)
            ).pk
        },
        "risks": {
            Risk.objects.create(
                measure=measure, title="Risiko", probability=2, impact=3, owner_ministry=ministry
            ).pk
        },
        "benefits": {
            Benefit.objects.create(
                measure=measure, title="Gevinst", indicator="Andel", baseline=1, target=2
            ).pk
        },
    }


@pytest.fixture
def two_periods(demo_users):
    """T1 of 2021–2025 and its carried-over 2026-T1 of 2026–2030, each with a row in each list."""
    successor_with("T1")
    earlier = rows_of(Measure.objects.get(code="T1"), period(2025))
    later = rows_of(Measure.objects.get(code="2026-T1"), period(2026))
    return earlier, later


def ids(api, url: str) -> set[int]:
    response = api.get(url)
    assert response.status_code == 200, (url, response.content)
    body = response.json()
    return {row["id"] for row in body.get("results", body)}


@pytest.mark.parametrize("name", LISTS)
def test_a_list_shows_the_chosen_strategy_period_only(two_periods, api_client_for, name):
    earlier, later = two_periods
    api = api_client_for("observator")
    shown_earlier = ids(api, f"/api/v1/{name}/?strategy={EARLIER}")
    shown_later = ids(api, f"/api/v1/{name}/?strategy={LATER}")
    assert earlier[name] <= shown_earlier and not later[name] & shown_earlier
    assert later[name] <= shown_later and not earlier[name] & shown_later
    # Without the parameter, the current strategy (the latest open one), as proposals and
    # meetings; the strategy's code names it as well as its period.
    assert ids(api, f"/api/v1/{name}/") == shown_later
    assert ids(api, f"/api/v1/{name}/?strategy=GHFO-2021") == shown_earlier
    # One row is found by its id whatever its strategy.
    (row,) = sorted(earlier[name])[:1]
    assert api.get(f"/api/v1/{name}/{row}/").status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_an_unknown_period_is_refused_as_by_the_measures_list(demo_users, api_client_for, name):
    api = api_client_for("observator")
    measures = api.get("/api/v1/measures/?strategy=1999-2000")
    refused = api.get(f"/api/v1/{name}/?strategy=1999-2000")
    assert refused.status_code == measures.status_code == 400
    assert refused.json() == measures.json()
    assert list(refused.json()) == ["strategy"]
    assert api.get(f"/api/v1/{name}/?strategy=a%00b").status_code == 400


def test_the_schema_documents_the_parameter_on_each_list(demo_users, api_client_for):
    schema = api_client_for("observator").get("/api/v1/schema/?format=json").json()
    for name in [*LISTS, "follow-up-actions", "measures", "proposals", "meetings"]:
        operation = schema["paths"][f"/api/v1/{name}/"]["get"]
        (strategy,) = [p for p in operation["parameters"] if p["name"] == "strategy"]
        assert strategy["in"] == "query" and strategy["schema"] == {"type": "string"}
        assert "2021-2025" in strategy["description"], name
        assert "400" in operation["responses"], name
        retrieve = schema["paths"][f"/api/v1/{name}/{{id}}/"]["get"] if name in LISTS else None
        assert retrieve is None or all(p["name"] != "strategy" for p in retrieve["parameters"])


@pytest.mark.parametrize("name", LISTS)
def test_a_filtered_list_costs_the_same_queries_as_it_grows(demo_users, api_client_for, name):
    api = api_client_for("observator")
    url = f"/api/v1/{name}/?strategy={EARLIER}"

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert api.get(url).status_code == 200
        return len(captured)

    successor_with("T1", "T4")
    rows_of(Measure.objects.get(code="T1"), period(2025))
    queries()  # the first request of a session reads what later ones have cached
    before = queries()
    rows_of(Measure.objects.get(code="T4"), period(2024))
    rows_of(Measure.objects.get(code="2026-T1"), period(2026))
    assert queries() == before
