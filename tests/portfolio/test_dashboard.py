import csv
import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from measures.models import Measure
from measures.services.assessments import assessment_record
from measures.services.delivery import milestone_save, risk_save
from portfolio.models import Criterion, Ministry
from tests.follow_up import count_queries, open_period, report, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(demo_users):
    """T5 went green → red, T4 is green, the others have not reported; one bare risk on T5."""
    first, second = open_period(2027, 1), open_period(2027, 2)
    report("T5", first, rag="green")
    report("T5", second, rag="red", confidence="low")
    report("T4", second, by="leder-fin", rag="green")
    risk_save(
        actor=user("leder-dfd"),
        measure=Measure.objects.get(code="T5"),
        title="Leverandør forsinket",
        probability=4,
        impact=4,
        owner_ministry=Ministry.objects.get(abbreviation="KDD"),
    )
    milestone_save(
        actor=user("leder-dfd"),
        measure=Measure.objects.get(code="T5"),
        title="Pilot i drift",
        planned_on=datetime.date(2027, 3, 1),
    )
    return second


def codes(response) -> list[str]:
    return [m.code for m in response.context["measures"]]


def test_dashboard_needs_login(client_for):
    assert client_for("anonymous").get("/portefolje/").status_code == 302


def test_dashboard_shows_latest_rag_trend_milestone_and_risks(client_for, reported):
    response = client_for("observator").get("/portefolje/")
    assert response.status_code == 200
    rows = {m.code: m for m in response.context["measures"]}
    t5 = rows["T5"]
    assert (t5.latest_rag, t5.latest_confidence, t5.trend) == ("red", "low", "down")
    assert (t5.next_milestone_title, t5.open_risk_count) == ("Pilot i drift", 1)
    assert rows["T1"].latest_rag is None
    page = response.content.decode()
    assert "Portefølje" in page and "Forverring" not in page
    assert [m.code for m in response.context["red_measures"]] == ["T5"]
    assert [r.title for r in response.context["unanswered_risks"]] == ["Leverandør forsinket"]


def test_filters_live_in_the_url(client_for, reported):
    client = client_for("observator")
    assert codes(client.get("/portefolje/?rag=red")) == ["T5"]
    assert codes(client.get("/portefolje/?lead_ministry=FIN")) == ["T4"]
    assert codes(client.get("/portefolje/?target_area=MO1&rag=green")) == ["T4"]
    assert len(codes(client.get("/portefolje/?rag=none"))) == 5
    assert codes(client.get("/portefolje/?status=completed")) == []
    ignored = client.get("/portefolje/?rag=purple")
    assert len(codes(ignored)) == 7
    assert ignored.context["form"].errors


def test_sorting_by_rag_and_risks(client_for, reported):
    client = client_for("observator")
    assert codes(client.get("/portefolje/?sort=rag"))[:2] == ["T5", "T4"]
    assert codes(client.get("/portefolje/?sort=-rag"))[0] == "T4"
    assert codes(client.get("/portefolje/?sort=-risks"))[0] == "T5"
    page = client.get("/portefolje/?sort=rag&rag=red").content.decode()
    assert 'aria-sort="ascending"' in page
    assert "sort=-rag" in page and "rag=red" in page


def test_overdue_reports_for_open_periods_past_due(client_for, demo_users):
    period = open_period(2020, 1, due_on=datetime.date(2020, 6, 1))
    report("T4", period, by="leder-fin")
    response = client_for("leder-fin").get("/portefolje/")
    overdue = {item["measure"].code for item in response.context["overdue"]}
    assert overdue == {"T1", "T2", "T3", "T5", "T6", "T7"}


def test_csv_export_has_the_filtered_rows(client_for, reported):
    response = client_for("observator").get("/portefolje/eksport.csv?rag=red")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kode"
    assert [row[0] for row in rows[1:]] == ["T5"]
    assert rows[1][5] == "Rød"
    assert rows[1][7] == "↓"


def test_excel_export_opens_with_openpyxl(client_for, reported):
    response = client_for("observator").get("/portefolje/eksport.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Kode", "Tiltak", "Ansvarlig departement")
    by_code = {row[0]: row for row in values[1:]}
    assert len(by_code) == 7
    assert by_code["T5"][9].date() == datetime.date(2027, 3, 1)
    assert by_code["T5"][10] == 1


def test_exports_neutralise_formulas(client_for, reported):
    Measure.objects.filter(code="T5").update(name_nb="=HYPERLINK(1)")
    response = client_for("observator").get("/portefolje/eksport.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(1)" in names
    assert client_for("observator").get("/portefolje/eksport.pdf").status_code == 404


def test_print_view_lists_the_measures_without_navigation(client_for, reported):
    response = client_for("observator").get("/portefolje/utskrift/?rag=red")
    page = response.content.decode()
    assert codes(response) == ["T5"]
    assert "portal-nav" not in page


def test_balance_shows_coverage_scores_and_spread(client_for, reported):
    measure = Measure.objects.get(code="T5")
    for username, scores in (("koordinator", (4, 3, 2)), ("leder-fin", (1, 3, 5))):
        for code, score in zip("ABC", scores, strict=True):
            assessment_record(
                actor=user(username),
                measure=measure,
                criterion=Criterion.objects.get(code=code),
                period=reported,
                score=score,
            )
    response = client_for("observator").get("/portefolje/balanse/")
    assert response.status_code == 200
    point = response.context["chart"]["points"][0]
    assert (point.code, point.a, point.c, point.b) == ("T5", 4, 2, 3)
    assert (point.a_low, point.a_high, point.c_low, point.c_high) == (1, 4, 2, 5)
    counts = {area.code: count for area, count in response.context["area_counts"]}
    assert counts["MO2"] == 4
    page = response.content.decode()
    assert "<svg" in page and "1–4 fra 2 departementer" in page


def test_roadmap_places_milestones_in_quarters(client_for, reported):
    response = client_for("observator").get("/portefolje/veikart/?start=2027-Q1")
    assert response.context["quarters"][0] == (2027, 1)
    row = response.context["rows"][0]
    assert row["measure"].code == "T5"
    assert [m.title for m in row["cells"][0]] == ["Pilot i drift"]
    assert client_for("observator").get("/portefolje/veikart/?start=junk").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/portefolje/", "/portefolje/balanse/", "/portefolje/veikart/", "/portefolje/eksport.xlsx"],
)
def test_dashboard_query_count_does_not_grow_with_the_portfolio(client_for, demo_users, url):
    client = client_for("leder-fin")
    counts = []
    for size in ("10", "40"):
        call_command(
            "generate_portfolio", "--measures", size, "--periods", "3", "--force", verbosity=0
        )
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
    # The overview's RAG trend adds two queries, the links to writable reports one.
    assert 3 < counts[0] <= 27
