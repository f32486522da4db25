import pytest

from measures.models import Milestone, ReportingPeriod, Risk, StatusReport
from measures.services.periods import period_close
from tests.follow_up import REPORT, open_period, report, user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "expected"),
    [("anonymous", 302), ("leder-fin", 403), ("koordinator", 403), ("leder-dfd", 200)],
)
def test_report_page_only_for_the_lead_ministry(client_for, username, expected):
    period = open_period()
    response = client_for(username).get(f"/tiltak/T5/rapport/{period.pk}/")
    assert response.status_code == expected


def test_lead_ministry_submits_a_report_through_the_form(client_for):
    period = open_period()
    response = client_for("leder-dfd").post(f"/tiltak/T5/rapport/{period.pk}/", REPORT)
    assert response.status_code == 302
    assert StatusReport.objects.get().measure.code == "T5"
    page = client_for("leder-fin").get("/tiltak/T5/")
    assert "Pilot delivered." in page.content.decode()


def test_other_ministry_cannot_post_a_report(client_for):
    period = open_period()
    response = client_for("leder-fin").post(f"/tiltak/T5/rapport/{period.pk}/", REPORT)
    assert response.status_code == 403
    assert not StatusReport.objects.exists()


def test_form_shows_field_errors_and_writes_nothing(client_for):
    period = open_period()
    response = client_for("leder-dfd").post(
        f"/tiltak/T5/rapport/{period.pk}/", {**REPORT, "rag": "purple", "achievements": "a\x00b"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"rag", "achievements"}
    assert not StatusReport.objects.exists()


def test_closed_period_report_page_is_read_only(client_for):
    period = open_period()
    report("T5", period)
    period_close(actor=user("koordinator"), period=period)
    client = client_for("leder-dfd")
    page = client.get(f"/tiltak/T5/rapport/{period.pk}/")
    assert page.status_code == 409
    assert "disabled" in page.content.decode()
    response = client.post(f"/tiltak/T5/rapport/{period.pk}/", {**REPORT, "rag": "red"})
    assert response.status_code == 409
    assert StatusReport.objects.get().rag == "green"


@pytest.mark.parametrize(
    ("username", "expected"), [("leder-dfd", 403), ("observator", 403), ("koordinator", 302)]
)
def test_only_the_coordinator_opens_and_closes_periods(client_for, username, expected):
    data = {
        "year": 2027,
        "sequence": 2,
        "starts_on": "2027-05-01",
        "ends_on": "2027-08-31",
        "due_on": "2027-09-15",
        "meeting": "",
    }
    assert client_for(username).post("/tiltak/perioder/ny/", data).status_code == expected
    period = open_period(2027, 1)
    assert client_for(username).post(f"/tiltak/perioder/{period.pk}/lukk/").status_code == expected
    period.refresh_from_db()
    assert period.is_open == (expected != 302)
    assert ReportingPeriod.objects.filter(sequence=2).exists() == (expected == 302)


@pytest.mark.parametrize(
    ("username", "expected"),
    [("observator", 403), ("sekretariat", 403), ("leder-fin", 302), ("koordinator", 302)],
)
def test_assessment_page_for_admin_heads_and_the_coordinator(client_for, username, expected):
    open_period()
    data = {"score_A": 4, "score_B": 3, "score_C": 2, "comment_A": "Nyttig"}
    assert client_for(username).post("/tiltak/T5/vurdering/", data).status_code == expected


@pytest.mark.parametrize(("username", "expected"), [("leder-dfd", 403), ("leder-fin", 302)])
def test_risk_and_milestone_forms_for_the_lead_ministry_only(client_for, username, expected):
    client = client_for(username)
    fin = client.get("/tiltak/T4/risiko/ny/")
    assert fin.status_code == (200 if expected == 302 else 403)
    risk = {
        "title": "Budget",
        "probability": 3,
        "impact": 4,
        "owner_ministry": "",
        "status": "open",
    }
    from portfolio.models import Ministry

    risk["owner_ministry"] = Ministry.objects.get(abbreviation="FIN").pk
    assert client.post("/tiltak/T4/risiko/ny/", risk).status_code == expected
    milestone = {"title": "Pilot", "planned_on": "2027-03-01"}
    assert client.post("/tiltak/T4/milepel/ny/", milestone).status_code == expected
    assert Risk.objects.exists() == (expected == 302)
    assert Milestone.objects.exists() == (expected == 302)


def test_coordinator_changes_the_lifecycle_status(client_for):
    from measures.models import Measure

    response = client_for("koordinator").post(
        "/tiltak/T5/status/",
        {"to_status": "completed", "decided_on": "2027-06-01"},
    )
    assert response.status_code == 302
    assert Measure.objects.get(code="T5").status == "completed"
    assert client_for("leder-dfd").get("/tiltak/T5/status/").status_code == 403


def test_measure_page_shows_write_links_only_to_writers(client_for):
    open_period()
    assert "Legg til en risiko" in client_for("leder-dfd").get("/tiltak/T5/").content.decode()
    assert "Legg til en risiko" not in client_for("leder-fin").get("/tiltak/T5/").content.decode()


def test_core_group_report_by_its_lead_ministry(client_for):
    period = open_period()
    url = f"/tiltak/kjernegrupper/KG1/rapport/{period.pk}/"
    assert client_for("leder-dfd").post(url, REPORT).status_code == 403
    assert client_for("leder-bfd").post(url, REPORT).status_code == 302
    assert StatusReport.objects.get().core_group.code == "KG1"
    assert client_for("observator").get("/tiltak/kjernegrupper/KG1/").status_code == 200


def test_measure_page_query_count_does_not_grow_with_follow_up(client_for):
    from django.core.management import call_command

    from tests.follow_up import count_queries

    client = client_for("leder-dfd")
    call_command("generate_portfolio", "--measures", "7", "--periods", "2", "--force", verbosity=0)
    small = count_queries(client, "/tiltak/T5/")
    call_command("generate_portfolio", "--measures", "30", "--periods", "6", "--force", verbosity=0)
    large = count_queries(client, "/tiltak/S0001/")
    assert small == large
    # The lead history, the decisions behind status changes, the governance panel and whether
    # the cadence asks for a report in the open period: 5 more.
    assert 10 < small <= 29
