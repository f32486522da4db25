"""The secretariat corrects the records of a closed strategy period in the measure's pages and
API, with a reason, field history and audit; everyone else is refused (409 on a closed period,
403 where they were refused before), and the secretariat writes nothing in an open period."""

import datetime

import pytest

from measures.models import (
    Benefit,
    CriteriaAssessment,
    Measure,
    Milestone,
    Risk,
    StatusReport,
)
from measures.services.assessments import assessment_record
from measures.services.benefits import benefit_save
from measures.services.delivery import milestone_save, risk_save
from measures.services.periods import period_close
from measures.services.succession import Named, strategy_successor_create
from portfolio.models import AuditEvent, Criterion, Ministry, Strategy
from portfolio.strategy_closing import strategy_close
from tests.follow_up import open_period, report, user

pytestmark = pytest.mark.django_db

REASON = "Feil tall i innrapporteringen"
CLOSED = "Strategiperioden 2021-2025 er avsluttet"


@pytest.fixture(autouse=True)
def cast(demo_users):
    """The demo cast: sekretariat (DSS), leder-fin (admin head of FIN, which leads T4), …"""


@pytest.fixture
def closed():
    """T4's follow-up from 2025, given by FIN; then the reporting period and the strategy close."""
    lead = user("leder-fin")
    measure = Measure.objects.get(code="T4")
    period = open_period(2025, 1)
    given = report("T4", period, by="leder-fin", rag="amber")
    criterion = Criterion.objects.get(code="A")
    assessment, _ = assessment_record(
        actor=lead, measure=measure, criterion=criterion, period=period, score=2
    )
    objects = {
        "measure": measure,
        "period": period,
        "report": given,
        "assessment": assessment,
        "milestone": milestone_save(
            actor=lead, measure=measure, title="Pilot", planned_on=datetime.date(2025, 3, 1)
        ),
        "risk": risk_save(
            actor=lead,
            measure=measure,
            title="Budsjett",
            probability=2,
            impact=3,
            owner_ministry=lead.profile.ministry,
        ),
        "benefit": benefit_save(
            actor=lead, measure=measure, title="Tid", indicator="Timer", baseline=0, target=9
        ),
    }
    period_close(actor=user("koordinator"), period=period)
    strategy_close(actor=user("koordinator"), strategy=Strategy.objects.get(code="GHFO-2021"))
    return objects


def carried_t4() -> Measure:
    """The successor 2026–2030 (open) with T4 carried over as 2026-T4."""
    strategy_successor_create(
        actor=user("koordinator"),
        predecessor=Strategy.objects.get(code="GHFO-2021"),
        title_nb="Neste strategi",
        overall_goal_nb="Mål",
        period_start=2026,
        period_end=2030,
        target_areas=[Named(name_nb="Samordning")],
        criteria=[Named(code="A", name_nb="Nyttig")],
        measures=[Measure.objects.get(code="T4")],
    )
    return Measure.objects.get(code="2026-T4")


def corrections() -> list[str]:
    return list(
        AuditEvent.objects.filter(kind="strategy.record_corrected").values_list("note", flat=True)
    )


# --- Pages --------------------------------------------------------------------------------


def test_the_secretariat_corrects_in_the_measure_pages(client_for, closed):
    client = client_for("sekretariat")
    measure_page = client.get("/tiltak/T4/").content.decode()
    assert "/tiltak/T4/milepel/ny/" in measure_page and "/tiltak/T4/vurdering/" in measure_page
    milestone = closed["milestone"]
    url = f"/tiltak/T4/milepel/{milestone.pk}/"
    form = client.get(url)
    assert form.status_code == 200 and "correction_reason" in form.context["form"].fields
    data = {"title": "Pilot", "planned_on": "2025-03-01", "actual_on": "2025-04-02"}
    without = client.post(url, data)
    assert without.status_code == 200 and without.context["form"].errors["correction_reason"]
    assert Milestone.objects.get(pk=milestone.pk).actual_on is None
    assert client.post(url, {**data, "correction_reason": REASON}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.actual_on == datetime.date(2025, 4, 2)
    row = milestone.history.latest("history_date")
    assert row.history_user == user("sekretariat") and row.history_change_reason == REASON
    assert row.history_channel == "ui"

    risk = f"/tiltak/T4/risiko/{closed['risk'].pk}/"
    risk_data = {"title": "Budsjett", "probability": 4, "impact": 3, "status": "open"}
    risk_data |= {"owner_ministry": Ministry.objects.get(abbreviation="FIN").pk}
    assert client.post(risk, {**risk_data, "correction_reason": REASON}).status_code == 302
    assert Risk.objects.get(pk=closed["risk"].pk).probability == 4
    benefit = f"/tiltak/T4/gevinst/{closed['benefit'].pk}/"
    benefit_data = {"title": "Tid spart", "indicator": "Timer", "baseline": 0, "target": 12}
    assert client.post(benefit, {**benefit_data, "correction_reason": REASON}).status_code == 302
    assert Benefit.objects.get(pk=closed["benefit"].pk).title == "Tid spart"
    assert corrections() == [REASON] * 3


def test_the_secretariat_corrects_a_report_and_an_assessment_of_a_closed_period(client_for, closed):
    client = client_for("sekretariat")
    url = f"/tiltak/T4/rapport/{closed['period'].pk}/"
    assert client.get(url).status_code == 200  # not read-only for the correction
    data = {**{k: v for k, v in closed_report_fields(closed["report"]).items()}, "rag": "red"}
    assert client.post(url, {**data, "correction_reason": REASON}).status_code == 302
    revised = StatusReport.objects.get(pk=closed["report"].pk)
    assert revised.rag == "red"
    assert revised.ministry.abbreviation == "FIN" and revised.submitted_by == user("leder-fin")
    assert AuditEvent.objects.filter(kind="report.revised", actor=user("sekretariat")).exists()

    page = client.get("/tiltak/T4/vurdering/")
    assert page.status_code == 200 and "FIN" in page.context["intro"]
    assert list(page.context["form"].fields) == ["score_A", "comment_A", "correction_reason"]
    answer = client.post(
        "/tiltak/T4/vurdering/", {"score_A": 4, "comment_A": "Rettet", "correction_reason": REASON}
    )
    assert answer.status_code == 302
    assessment = CriteriaAssessment.objects.get(pk=closed["assessment"].pk)
    assert (assessment.score, assessment.ministry.abbreviation) == (4, "FIN")
    assert assessment.history.latest("history_date").history_change_reason == REASON
    assert CriteriaAssessment.objects.count() == 1


def test_the_secretariat_corrects_the_measure_itself_in_its_pages(client_for, closed):
    client = client_for("sekretariat")
    page = client.get("/tiltak/T4/").content.decode()
    assert "/tiltak/T4/status/" in page and "/tiltak/T4/leder/" in page
    moved = client.post(
        "/tiltak/T4/status/",
        {"to_status": "completed", "decided_on": "2025-12-01", "correction_reason": REASON},
    )
    assert moved.status_code == 302
    assert Measure.objects.get(code="T4").status == Measure.Status.COMPLETED
    history = client_for("observator").get("/tiltak/T4/historikk/").content.decode()
    assert f"Retting: {REASON}" in history


def test_others_are_refused_on_a_closed_period_in_the_pages(client_for, closed):
    head = client_for("leder-fin")
    milestone = f"/tiltak/T4/milepel/{closed['milestone'].pk}/"
    data = {"title": "Pilot", "planned_on": "2025-03-01", "actual_on": "2025-04-02"}
    refused = head.post(milestone, {**data, "correction_reason": REASON})
    assert refused.status_code == 409 and CLOSED in refused.content.decode()
    assert "correction_reason" not in head.get(milestone).context["form"].fields
    assert "/tiltak/T4/milepel/ny/" not in head.get("/tiltak/T4/").content.decode()
    coordinator = client_for("koordinator")
    lead = {"lead_ministry": "DFD", "valid_from": "2025-06-01"}
    assert coordinator.post("/tiltak/T4/leder/", lead).status_code == 409
    assert Measure.objects.get(code="T4").lead_ministry.abbreviation == "FIN"
    assert "/tiltak/T4/leder/" not in coordinator.get("/tiltak/T4/").content.decode()
    for username in ("observator", "leder-kdd"):
        assert client_for(username).post(milestone, data).status_code == 403
    assert Milestone.objects.get(pk=closed["milestone"].pk).actual_on is None
    assert corrections() == []


def test_the_secretariat_writes_nothing_in_an_open_period_page(client_for, closed):
    carried_t4()
    client = client_for("sekretariat")
    for url in ("/tiltak/2026-T4/milepel/ny/", "/tiltak/2026-T4/status/", "/tiltak/2026-T4/leder/"):
        assert client.get(url).status_code == 403, url
    assert client.post("/tiltak/2026-T4/vurdering/", {"score_A": 3}).status_code == 403
    page = client.get("/tiltak/2026-T4/").content.decode()
    assert "/tiltak/2026-T4/milepel/ny/" not in page


def closed_report_fields(given: StatusReport) -> dict:
    from measures.services.reports import REPORT_FIELDS

    return {name: getattr(given, name) for name in REPORT_FIELDS}


# --- API ------------------------------------------------------------------------------------


def test_the_secretariat_corrects_through_the_api(api_client_for, closed):
    api = api_client_for("sekretariat")
    milestone = f"/api/v1/milestones/{closed['milestone'].pk}/"
    no_reason = api.patch(milestone, {"actual_on": "2025-04-02"}, format="json")
    assert no_reason.status_code == 400 and "correction_reason" in no_reason.json()
    fixed = api.patch(
        milestone, {"actual_on": "2025-04-02", "correction_reason": REASON}, format="json"
    )
    assert fixed.status_code == 200 and fixed.json()["actual_on"] == "2025-04-02"
    assert "correction_reason" not in fixed.json()
    assert (
        Milestone.objects.get(pk=closed["milestone"].pk)
        .history.latest("history_date")
        .history_change_reason
        == REASON
    )

    new_risk = {"measure": "T4", "title": "Sen levering", "probability": 3, "impact": 3}
    new_risk |= {"owner_ministry": "FIN", "status": "open", "correction_reason": REASON}
    assert api.post("/api/v1/risks/", new_risk, format="json").status_code == 201
    measured = api.post(
        f"/api/v1/benefits/{closed['benefit'].pk}/measurements/",
        {"measured_on": "2025-11-01", "value": "7", "correction_reason": REASON},
        format="json",
    )
    assert measured.status_code == 201
    report_url = f"/api/v1/status-reports/{closed['report'].pk}/"
    revised = api.patch(report_url, {"rag": "green", "correction_reason": REASON}, format="json")
    assert revised.status_code == 200 and revised.json()["ministry"] == "FIN"
    assessment = f"/api/v1/assessments/{closed['assessment'].pk}/"
    scored = api.patch(assessment, {"score": 5, "correction_reason": REASON}, format="json")
    assert scored.status_code == 200
    assert (scored.json()["score"], scored.json()["ministry"]) == (5, "FIN")
    moved = api.post(
        "/api/v1/measures/T4/transition/",
        {"to_status": "stopped", "correction_reason": REASON},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "stopped"
    lead = api.post(
        "/api/v1/measures/T4/lead/",
        {"lead_ministry": "DFD", "valid_from": "2025-06-01", "correction_reason": REASON},
        format="json",
    )
    assert lead.status_code == 200 and lead.json()[-1]["ministry"] == "DFD"
    assert corrections() == [REASON] * 7
    events = AuditEvent.objects.filter(kind="strategy.record_corrected")
    assert {event.channel for event in events} == {"api"}


def test_others_are_refused_through_the_api_on_a_closed_period(api_client_for, closed):
    head = api_client_for("leder-fin")
    milestone = f"/api/v1/milestones/{closed['milestone'].pk}/"
    body = {"actual_on": "2025-04-02", "correction_reason": REASON}
    refused = head.patch(milestone, body, format="json")
    assert refused.status_code == 409 and CLOSED in refused.json()["detail"]
    assessment = f"/api/v1/assessments/{closed['assessment'].pk}/"
    refused = head.patch(assessment, {"score": 5}, format="json")
    assert refused.status_code == 409 and CLOSED in refused.json()["detail"]
    coordinator = api_client_for("koordinator")
    lead = {"lead_ministry": "DFD", "valid_from": "2025-06-01"}
    assert coordinator.post("/api/v1/measures/T4/lead/", lead, format="json").status_code == 409
    for username in ("observator", "leder-kdd"):
        assert api_client_for(username).patch(milestone, body, format="json").status_code == 403
    assert Milestone.objects.get(pk=closed["milestone"].pk).actual_on is None
    assert CriteriaAssessment.objects.get(pk=closed["assessment"].pk).score == 2
    assert corrections() == []


def test_the_secretariat_writes_nothing_in_an_open_period_through_the_api(api_client_for, closed):
    measure = carried_t4()
    new = milestone_save(
        actor=user("leder-fin"), measure=measure, title="Ny", planned_on=datetime.date(2026, 5, 1)
    )
    api = api_client_for("sekretariat")
    body = {"title": "Endret", "correction_reason": REASON}
    assert api.patch(f"/api/v1/milestones/{new.pk}/", body, format="json").status_code == 403
    created = {"measure": "2026-T4", "title": "X", "planned_on": "2026-06-01", **body}
    assert api.post("/api/v1/milestones/", created, format="json").status_code == 403
    assert (
        api.post(
            "/api/v1/measures/2026-T4/transition/", {"to_status": "stopped"}, format="json"
        ).status_code
        == 403
    )
    assert Milestone.objects.get(pk=new.pk).title == "Ny"


def test_before_any_period_is_closed_the_secretariat_is_refused_before_its_input(
    api_client_for,
):
    api = api_client_for("sekretariat")
    bad = {"measure": "T4", "title": "\x00", "planned_on": "soon"}
    response = api.post("/api/v1/milestones/", bad, format="json")
    assert response.status_code == 403 and set(response.json()) == {"detail"}


def test_the_secretariat_is_told_about_bad_input_to_a_correction(api_client_for, closed):
    api = api_client_for("sekretariat")
    bad = {"planned_on": "soon", "correction_reason": "\x00"}
    response = api.patch(f"/api/v1/milestones/{closed['milestone'].pk}/", bad, format="json")
    assert response.status_code == 400
    assert {"planned_on", "correction_reason"} <= set(response.json())
