import pytest

from measures.models import CriteriaAssessment, Milestone, Risk, StatusReport
from measures.services.periods import period_close
from tests.follow_up import REPORT, open_period, report, user

pytestmark = pytest.mark.django_db


def test_measures_list_shows_the_latest_rag_and_filters_on_it(api_client_for):
    first, second = open_period(2027, 1), open_period(2027, 2)
    report("T5", first, rag="green")
    report("T5", second, rag="red")
    report("T4", second, by="leder-fin", rag="green")
    client = api_client_for("observator")
    rows = {row["code"]: row for row in client.get("/api/v1/measures/").json()["results"]}
    assert (rows["T5"]["rag"], rows["T4"]["rag"], rows["T1"]["rag"]) == ("red", "green", None)
    assert rows["T5"]["lead_ministry"] == "DFD"
    red = client.get("/api/v1/measures/?rag=red").json()["results"]
    assert [row["code"] for row in red] == ["T5"]
    both = client.get("/api/v1/measures/?rag=green&lead_ministry=FIN&status=active&target_area=MO1")
    assert [row["code"] for row in both.json()["results"]] == ["T4"]
    assert client.get("/api/v1/measures/?rag=purple").status_code == 400


def test_measures_api_requires_login(api_client_for):
    assert api_client_for("anonymous").get("/api/v1/measures/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("username", "expected"),
    [("anonymous", 401), ("leder-fin", 403), ("koordinator", 403), ("leder-dfd", 201)],
)
def test_status_report_post_only_by_the_lead_ministry(api_client_for, username, expected):
    period = open_period()
    response = api_client_for(username).post(
        "/api/v1/status-reports/", {**REPORT, "period": period.pk, "measure": "T5"}, format="json"
    )
    assert response.status_code in ((401, 403) if expected == 401 else (expected,))
    assert StatusReport.objects.exists() == (expected == 201)


def test_status_report_revision_and_closed_period_conflict(api_client_for):
    period = open_period()
    client = api_client_for("leder-dfd")
    created = client.post(
        "/api/v1/status-reports/", {**REPORT, "period": period.pk, "measure": "T5"}, format="json"
    )
    report_id = created.json()["id"]
    again = client.post(
        "/api/v1/status-reports/",
        {**REPORT, "rag": "amber", "period": period.pk, "measure": "T5"},
        format="json",
    )
    assert again.status_code == 200
    assert again.json()["id"] == report_id
    patched = client.patch(f"/api/v1/status-reports/{report_id}/", {"rag": "red"}, format="json")
    assert patched.status_code == 200
    assert patched.json()["rag"] == "red"
    assert (
        api_client_for("leder-fin")
        .patch(f"/api/v1/status-reports/{report_id}/", {"rag": "green"}, format="json")
        .status_code
        == 403
    )
    period_close(actor=user("koordinator"), period=period)
    closed = client.patch(f"/api/v1/status-reports/{report_id}/", {"rag": "green"}, format="json")
    assert closed.status_code == 409
    assert StatusReport.objects.get().rag == "red"
    listed = api_client_for("observator").get("/api/v1/status-reports/?measure=T5").json()
    assert [row["rag"] for row in listed["results"]] == ["red"]


def test_status_report_bad_input_gives_field_errors(api_client_for):
    period = open_period()
    response = api_client_for("leder-dfd").post(
        "/api/v1/status-reports/",
        {**REPORT, "rag": "purple", "achievements": "a\x00b", "period": period.pk, "measure": "T5"},
        format="json",
    )
    assert response.status_code == 400
    assert {"rag", "achievements"} <= set(response.json())
    assert not StatusReport.objects.exists()


@pytest.mark.parametrize(
    ("username", "expected"),
    [("observator", 403), ("sekretariat", 403), ("leder-fin", 201), ("koordinator", 201)],
)
def test_assessment_post_by_admin_heads_and_the_coordinator(api_client_for, username, expected):
    period = open_period()
    response = api_client_for(username).post(
        "/api/v1/assessments/",
        {"measure": "T5", "criterion": "A", "period": period.pk, "score": 4},
        format="json",
    )
    assert response.status_code == expected
    if expected == 201:
        assert response.json()["ministry"] == user(username).profile.ministry.abbreviation
    assert CriteriaAssessment.objects.exists() == (expected == 201)


def test_assessment_score_out_of_range_is_400(api_client_for):
    period = open_period()
    response = api_client_for("leder-fin").post(
        "/api/v1/assessments/",
        {"measure": "T5", "criterion": "A", "period": period.pk, "score": 9},
        format="json",
    )
    assert response.status_code == 400
    assert "score" in response.json()


@pytest.mark.parametrize(("username", "expected"), [("leder-dfd", 403), ("leder-fin", 201)])
def test_risks_and_milestones_written_by_the_lead_ministry(api_client_for, username, expected):
    client = api_client_for(username)
    risk = client.post(
        "/api/v1/risks/",
        {
            "measure": "T4",
            "title": "Budget",
            "probability": 2,
            "impact": 5,
            "owner_ministry": "FIN",
        },
        format="json",
    )
    milestone = client.post(
        "/api/v1/milestones/",
        {"measure": "T4", "title": "Pilot", "planned_on": "2027-03-01"},
        format="json",
    )
    assert (risk.status_code, milestone.status_code) == (expected, expected)
    assert Risk.objects.exists() == Milestone.objects.exists() == (expected == 201)
    if expected == 201:
        changed = client.patch(
            f"/api/v1/risks/{risk.json()['id']}/", {"response": "Buffer"}, format="json"
        )
        assert changed.json()["response"] == "Buffer"
        other = api_client_for("leder-dfd").patch(
            f"/api/v1/milestones/{milestone.json()['id']}/",
            {"actual_on": "2027-03-02"},
            format="json",
        )
        assert other.status_code == 403


def test_only_the_coordinator_opens_and_closes_periods_in_the_api(api_client_for):
    data = {
        "year": 2027,
        "sequence": 1,
        "starts_on": "2027-01-01",
        "ends_on": "2027-04-30",
        "due_on": "2027-05-15",
    }
    assert api_client_for("leder-dfd").post("/api/v1/reporting-periods/", data).status_code == 403
    created = api_client_for("koordinator").post("/api/v1/reporting-periods/", data)
    assert created.status_code == 201
    duplicate = api_client_for("koordinator").post("/api/v1/reporting-periods/", data)
    assert duplicate.status_code == 400
    url = f"/api/v1/reporting-periods/{created.json()['id']}/close/"
    assert api_client_for("leder-dfd").post(url).status_code == 403
    assert api_client_for("koordinator").post(url).json()["status"] == "closed"
    assert api_client_for("koordinator").post(url).status_code == 409


def test_measures_api_query_count_is_flat(api_client_for):
    from django.core.management import call_command

    from tests.follow_up import count_queries

    client = api_client_for("observator")
    counts = []
    for size in ("10", "40"):
        call_command(
            "generate_portfolio", "--measures", size, "--periods", "3", "--force", verbosity=0
        )
        counts.append(count_queries(client, "/api/v1/measures/"))
    assert counts[0] == counts[1]
    assert 2 < counts[0] <= 6
    for url in ("/api/v1/status-reports/", "/api/v1/risks/", "/api/v1/assessments/"):
        assert count_queries(client, url) <= 6
