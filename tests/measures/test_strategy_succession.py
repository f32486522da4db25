"""Closing a strategy period, its read-only records, and the successor with measures carried over."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from forums.models import Forum, Meeting, Proposal
from forums.services.meetings import agenda_item_create
from forums.services.proposals import proposal_create, proposal_open
from forums.services.wheel import wheel_materialise
from measures.models import Measure, Milestone
from measures.services.delivery import milestone_save
from measures.services.lifecycle import measure_transition
from measures.services.succession import Named, strategy_successor_create
from portfolio.audit_context import correction
from portfolio.models import AuditEvent, Strategy
from portfolio.strategy_closing import StrategyClosed, strategy_close

pytestmark = pytest.mark.django_db

PERIOD = "/strategi/2021-2025/"
CLOSE = "/strategi/2021-2025/avslutt/"
SUCCESSOR = "/strategi/2021-2025/etterfolger/"
API_CLOSE = "/api/v1/strategies/2021-2025/close/"
API_SUCCESSOR = "/api/v1/strategies/2021-2025/successor/"
SUCCESSOR_API = {
    "title_nb": "Neste strategi",
    "period_start": 2026,
    "period_end": 2030,
    "overall_goal_nb": "Vi løser samfunnsutfordringer sammen",
    "target_areas": [{"name_nb": "Samordning"}, {"name_nb": "Kompetanse"}],
    "criteria": [{"code": "A", "name_nb": "Nyttig"}, {"code": "C", "name_nb": "Gjennomførbart"}],
    "measures": ["T1", "T4"],
}


@pytest.fixture(autouse=True)
def cast(demo_users):
    """The demo cast: koordinator, sekretariat, observator, leder-fin (FIN leads T4), admin."""


def user(username: str):
    return get_user_model().objects.get(username=username)


def strategy() -> Strategy:
    return Strategy.objects.get(code="GHFO-2021")


def close() -> Strategy:
    return strategy_close(actor=user("koordinator"), strategy=strategy())


def successor(*codes: str) -> Strategy:
    return strategy_successor_create(
        actor=user("koordinator"),
        predecessor=strategy(),
        title_nb="Neste strategi",
        overall_goal_nb="Vi løser samfunnsutfordringer sammen",
        period_start=2026,
        period_end=2030,
        target_areas=[Named(name_nb="Samordning"), Named(name_nb="Kompetanse")],
        criteria=[Named(code="A", name_nb="Nyttig")],
        measures=list(Measure.objects.filter(code__in=codes)),
    )


def proposal_of(year: int, title: str) -> Proposal:
    proposal = proposal_create(
        actor=user("koordinator"),
        title=title,
        text="Strategisk forum bes gi tilslutning.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    proposal = proposal_open(actor=user("koordinator"), proposal=proposal)
    # Test setup only: dates the proposal in the year as if it had been made then.
    Proposal.objects.filter(pk=proposal.pk).update(year=year, number=proposal.number + year)
    proposal.refresh_from_db()
    return proposal


# --- Closing ------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["sekretariat", "leder-fin", "observator", "admin"])
def test_only_the_coordinator_closes_a_period(client_for, api_client_for, username):
    client = client_for(username)
    assert client.get(CLOSE).status_code == 403
    assert client.post(CLOSE).status_code == 403
    assert api_client_for(username).post(API_CLOSE).status_code == 403
    assert "Avslutt perioden" not in client.get(PERIOD).content.decode()
    assert strategy().closed_at is None


def test_the_coordinator_is_told_what_happens_and_closes(client_for):
    client = client_for("koordinator")
    question = client.get(CLOSE).content.decode()
    assert "Avslutte strategiperioden 2021-2025?" in question
    assert "Bare sekretariatet kan fortsatt rette dem" in question
    assert strategy().closed_at is None  # asking changes nothing
    response = client.post(CLOSE)
    assert response.status_code == 302 and response.url == PERIOD
    closed = strategy()
    assert closed.closed_at is not None and closed.closed_by == user("koordinator")
    event = AuditEvent.objects.get(kind="strategy.closed")
    assert event.actor == user("koordinator") and event.target_label == closed.title_nb
    assert 'data-strategy-state="closed"' in client.get(PERIOD).content.decode()
    assert client.post(CLOSE).status_code == 409


def test_the_api_closes_once(api_client_for):
    api = api_client_for("koordinator")
    response = api.post(API_CLOSE)
    assert response.status_code == 200 and response.json()["closed_at"]
    again = api.post(API_CLOSE)
    assert again.status_code == 409 and "2021-2025" in again.json()["detail"]
    listed = api.get("/api/v1/strategies/").json()
    assert listed[0]["closed_at"] is not None


# --- Read-only records --------------------------------------------------------------------


def test_the_lead_ministry_cannot_change_a_measure_of_a_closed_period(client_for, api_client_for):
    close()
    page = client_for("leder-fin").post(
        "/tiltak/T4/milepel/ny/", {"title": "Utrulling", "planned_on": "2025-09-01"}
    )
    assert page.status_code == 409
    assert "Strategiperioden 2021-2025 er avsluttet" in page.content.decode()
    api = api_client_for("leder-fin").post(
        "/api/v1/milestones/",
        {"measure": "T4", "title": "Utrulling", "planned_on": "2025-09-01"},
        format="json",
    )
    assert api.status_code == 409 and "2021-2025" in api.json()["detail"]
    assert not Milestone.objects.filter(measure__code="T4").exists()
    # Someone who could not write the measure anyway is still refused as before.
    assert client_for("leder-kdd").post("/tiltak/T4/milepel/ny/", {}).status_code == 403


def test_the_coordinator_cannot_move_a_measure_of_a_closed_period(client_for):
    close()
    response = client_for("koordinator").post(
        "/tiltak/T1/status/",
        {"to_status": "completed", "decided_on": "2025-12-01", "decided_in": "SF 2025/9"},
    )
    assert response.status_code == 409
    assert Measure.objects.get(code="T1").status == Measure.Status.ACTIVE


def test_the_secretariat_corrects_a_closed_period_with_history(client_for):
    close()
    measure = Measure.objects.get(code="T4")
    secretariat = user("sekretariat")
    with pytest.raises(ValidationError) as no_reason:  # a correction names its reason
        milestone_save(
            actor=secretariat, measure=measure, title="X", planned_on=datetime.date(2025, 6, 1)
        )
    assert "correction_reason" in no_reason.value.message_dict
    with correction("Sluttrapporten ble levert 20. juni"):
        milestone = milestone_save(
            actor=secretariat,
            measure=measure,
            title="Sluttrapport",
            planned_on=datetime.date(2025, 6, 1),
        )
        milestone_save(
            actor=secretariat,
            measure=measure,
            milestone=milestone,
            title="Sluttrapport",
            planned_on=datetime.date(2025, 6, 1),
            actual_on=datetime.date(2025, 6, 20),
        )
        transition = measure_transition(actor=secretariat, measure=measure, to_status="completed")
    rows = list(milestone.history.order_by("history_date"))
    assert [row.history_user for row in rows] == [secretariat, secretariat]
    assert rows[-1].actual_on == datetime.date(2025, 6, 20)
    assert rows[-1].history_change_reason == "Sluttrapporten ble levert 20. juni"
    assert AuditEvent.objects.filter(kind="milestone.changed", actor=secretariat).exists()
    corrections = AuditEvent.objects.filter(kind="strategy.record_corrected", actor=secretariat)
    assert corrections.count() == 3
    assert {event.note for event in corrections} == {"Sluttrapporten ble levert 20. juni"}
    assert transition.to_status == "completed"
    history = client_for("observator").get("/tiltak/T4/historikk/")
    assert history.status_code == 200 and "sekretariat" in history.content.decode()


def test_positions_and_meetings_of_a_closed_period_are_read_only(api_client_for):
    old = proposal_of(2025, "Sak fra 2025")
    current = proposal_of(2026, "Sak fra 2026")
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2025)
    meeting = Meeting.objects.filter(forum=forum, year=2025).first()
    close()
    api = api_client_for("leder-fin")
    body = {"position": "endorse"}
    refused = api.put(f"/api/v1/proposals/{old.pk}/positions/FIN/", body, format="json")
    assert refused.status_code == 409 and "2021-2025" in refused.json()["detail"]
    accepted = api.put(f"/api/v1/proposals/{current.pk}/positions/FIN/", body, format="json")
    assert accepted.status_code in (200, 201)
    with pytest.raises(StrategyClosed):
        agenda_item_create(actor=user("admin"), meeting=meeting, title="Etterslep")
    item = agenda_item_create(actor=user("sekretariat"), meeting=meeting, title="Retting")
    assert item.meeting == meeting


# --- The successor ------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["sekretariat", "leder-fin", "observator"])
def test_only_the_coordinator_creates_the_successor(client_for, api_client_for, username):
    assert client_for(username).get(SUCCESSOR).status_code == 403
    assert client_for(username).post(SUCCESSOR, {}).status_code == 403
    response = api_client_for(username).post(API_SUCCESSOR, SUCCESSOR_API, format="json")
    assert response.status_code == 403
    assert Strategy.objects.count() == 1
    with pytest.raises(PermissionDenied):
        strategy_successor_create(
            actor=user(username),
            predecessor=strategy(),
            title_nb="Neste",
            overall_goal_nb="Mål",
            period_start=2026,
            period_end=2030,
            target_areas=[Named(name_nb="Samordning")],
            criteria=[Named(code="A", name_nb="Nyttig")],
        )


def test_the_coordinator_creates_the_successor_in_the_page(client_for):
    client = client_for("koordinator")
    form = client.get(SUCCESSOR)
    assert form.status_code == 200
    assert form.context["form"].initial["period_start"] == 2026  # starts from the predecessor
    response = client.post(
        SUCCESSOR,
        {
            "title_nb": "Neste strategi",
            "period_start": "2026",
            "period_end": "2030",
            "overall_goal_nb": "Vi løser samfunnsutfordringer sammen",
            "target_areas": "Samordning | Coordination\nKompetanse",
            "criteria": "A | Nyttig | Useful",
            "measures": ["T1", "T2"],
        },
    )
    assert response.status_code == 302 and response.url == "/strategi/2026-2030/"
    new = Strategy.objects.get(period_start=2026)
    assert new.predecessor == strategy()
    assert [a.name_en for a in new.target_areas.order_by("position")] == ["Coordination", ""]
    t2 = Measure.objects.get(code="2026-T2")
    assert t2.predecessor.code == "T2"
    # T2 served MO2 and MO3 (positions 2 and 3): the successor has a second area only.
    assert [a.position for a in t2.target_areas.all()] == [2]
    assert AuditEvent.objects.filter(
        kind="measure.carried_over", target_label__startswith="2026-T1"
    )
    period = client.get("/strategi/2026-2030/").content.decode()
    assert 'href="/strategi/2021-2025/"' in period
    assert 'href="/strategi/2026-2030/"' in client.get(PERIOD).content.decode()
    again = client.get(SUCCESSOR)  # one successor only: the page shows it
    assert again.status_code == 302 and again.url == "/strategi/2026-2030/"


def test_both_measures_link_to_each_other_and_the_old_history_stays(client_for):
    milestone_save(
        actor=user("leder-fin"),
        measure=Measure.objects.get(code="T4"),
        title="Pilot",
        planned_on=datetime.date(2025, 3, 1),
    )
    successor("T4")
    close()
    client = client_for("observator")
    new = client.get("/tiltak/2026-T4/").content.decode()
    assert 'data-measure-link="predecessor"' in new and 'href="/tiltak/T4/"' in new
    old = client.get("/tiltak/T4/").content.decode()
    assert 'data-measure-link="successor"' in old and 'href="/tiltak/2026-T4/"' in old
    assert "avsluttede strategiperioden 2021-2025" in old
    assert "Pilot" in old  # its follow-up stays readable
    assert client.get("/tiltak/T4/historikk/").status_code == 200
    # The carried measure is open for its lead ministry, the old one is not.
    leader = user("leder-fin")
    milestone_save(
        actor=leader,
        measure=Measure.objects.get(code="2026-T4"),
        title="Ny pilot",
        planned_on=datetime.date(2026, 12, 1),
    )
    with pytest.raises(StrategyClosed):
        milestone_save(
            actor=leader,
            measure=Measure.objects.get(code="T4"),
            title="Sen",
            planned_on=datetime.date(2026, 12, 1),
        )


def test_the_api_creates_the_successor_and_refuses_bad_periods(api_client_for):
    api = api_client_for("koordinator")
    overlapping = api.post(API_SUCCESSOR, {**SUCCESSOR_API, "period_start": 2025}, format="json")
    assert overlapping.status_code == 400 and "period_start" in overlapping.json()
    backwards = api.post(API_SUCCESSOR, {**SUCCESSOR_API, "period_end": 2024}, format="json")
    assert backwards.status_code == 400 and "period_end" in backwards.json()
    same_code = {**SUCCESSOR_API, "criteria": [{"code": "A", "name_nb": "x"}] * 2}
    assert api.post(API_SUCCESSOR, same_code, format="json").status_code == 400
    assert Strategy.objects.count() == 1
    created = api.post(API_SUCCESSOR, SUCCESSOR_API, format="json")
    assert created.status_code == 201
    assert created.json()["slug"] == "2026-2030" and created.json()["predecessor"] == "2021-2025"
    measures = api.get("/api/v1/measures/").json()
    assert {(m["code"], m["predecessor"]) for m in measures["results"]} == {
        ("2026-T1", "T1"),
        ("2026-T4", "T4"),
    }
    again = api.post(API_SUCCESSOR, SUCCESSOR_API, format="json")
    assert again.status_code == 400


# --- Current and earlier strategies ---------------------------------------------------------


def test_lists_show_the_current_strategy_and_earlier_ones_on_request(client_for, api_client_for):
    old = proposal_of(2025, "Sak fra 2025")
    new = proposal_of(2026, "Sak fra 2026")
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2025)
    wheel_materialise(actor=None, forum=forum, year=2026)
    successor("T1", "T4")
    close()
    api = api_client_for("observator")

    def codes(url):
        body = api.get(url).json()
        return sorted(row["code"] for row in body.get("results", body))

    assert codes("/api/v1/measures/") == ["2026-T1", "2026-T4"]
    assert codes("/api/v1/measures/?strategy=2021-2025") == [f"T{n}" for n in range(1, 8)]
    assert api.get("/api/v1/measures/T1/").status_code == 200  # found whatever its strategy
    bad = api.get("/api/v1/measures/?strategy=1999-2000")
    assert bad.status_code == 400 and "strategy" in bad.json()

    def ids(url):
        body = api.get(url).json()
        return {row["id"] for row in body.get("results", body)}

    assert ids("/api/v1/proposals/") == {new.pk}
    assert ids("/api/v1/proposals/?strategy=2021-2025") == {old.pk}

    def years(url):
        body = api.get(url).json()
        return {row["year"] for row in body.get("results", body)}

    assert years("/api/v1/meetings/") == {2026}
    assert years("/api/v1/meetings/?strategy=2021-2025") == {2025}

    client = client_for("observator")
    dashboard = client.get("/portefolje/")
    assert {m.code for m in dashboard.context["measures"]} == {"2026-T1", "2026-T4"}
    assert 'name="strategy"' in dashboard.content.decode()  # the switcher
    earlier = client.get("/portefolje/?strategy=2021-2025")
    assert len(earlier.context["measures"]) == 7
    assert "tidligere strategiperioden 2021-2025" in earlier.content.decode()
    register = client.get("/saker/?strategy=2021-2025")
    assert [p.pk for p in register.context["proposals"]] == [old.pk]
    assert [p.pk for p in client.get("/saker/").context["proposals"]] == [new.pk]
    typo = client.get("/portefolje/?strategy=1999")
    assert {m.code for m in typo.context["measures"]} == {"2026-T1", "2026-T4"}
    forum_page = client.get("/forums/strategisk-forum/?strategy=2021-2025")
    assert forum_page.context["year"] == 2025


def test_the_start_page_leads_to_the_current_period_and_that_to_the_earlier(client_for):
    client = client_for("observator")
    assert 'href="/strategi/2021-2025/"' in client.get("/").content.decode()
    successor("T1")
    close()
    start = client.get("/").content.decode()
    assert 'href="/strategi/2026-2030/"' in start and "/strategi/2021-2025/" not in start
    current = client.get("/strategi/2026-2030/").content.decode()
    assert 'href="/strategi/2021-2025/"' in current


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/measures/?strategy=2021-2025",
        "/api/v1/proposals/?strategy=2021-2025",
        "/api/v1/meetings/?strategy=2021-2025",
        "/portefolje/?strategy=2021-2025",
        "/saker/?strategy=2021-2025",
    ],
)
def test_a_filtered_list_costs_the_same_queries_as_it_grows(
    client_for, api_client_for, url, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client_for("observator") if url.startswith("/api/") else client_for("observator")

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    proposal_of(2024, "Første")
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2024)
    successor("T1")
    queries()  # the first request of a session reads what later ones have cached
    before = queries()
    for n in range(3):
        proposal_of(2023 - n, f"Sak {n}")
    wheel_materialise(actor=None, forum=forum, year=2025)
    area = strategy().target_areas.first()
    for n in range(3):
        extra = Measure.objects.create(
            code=f"X{n}",
            name_nb=f"Ekstra {n}",
            lead_ministry=Measure.objects.get(code="T1").lead_ministry,
        )
        extra.target_areas.set([area])
    assert queries() == before


def test_loading_the_reference_data_again_leaves_a_closed_period_as_it_was():
    call_command("load_reference_data", verbosity=0)
    Measure.objects.filter(code="T1").update(status=Measure.Status.COMPLETED)
    closed_at = close().closed_at
    call_command("load_reference_data", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    assert strategy().closed_at == closed_at
    assert Measure.objects.get(code="T1").status == Measure.Status.COMPLETED
    assert Strategy.objects.count() == 1
