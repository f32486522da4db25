"""The API of benefits, dependencies and core groups: the same rules and errors as the pages."""

import datetime

import pytest

from measures.models import Benefit, BenefitMeasurement, CoreGroup, Measure, MeasureDependency
from measures.services.benefits import benefit_measurement_record, benefit_save
from portfolio.models import AuditEvent, Ministry
from tests.follow_up import REPORT, count_queries, open_period, user

pytestmark = pytest.mark.django_db

BENEFIT = {
    "measure": "T5",
    "title": "Spart tid",
    "indicator": "Timer per år",
    "unit": "t",
    "baseline": "0.00",
    "target": "100.00",
}


def _benefit(code: str = "T5", by: str = "leder-dfd", title: str = "Spart tid") -> Benefit:
    return benefit_save(
        actor=user(by),
        measure=Measure.objects.get(code=code),
        title=title,
        indicator="Timer",
        unit="t",
        baseline=0,
        target=10,
        target_on=None,
        description="",
    )


@pytest.mark.parametrize(
    ("username", "expected"),
    [("anonymous", 401), ("observator", 403), ("koordinator", 403), ("leder-fin", 403)],
)
def test_only_the_lead_ministry_adds_a_benefit(api_client_for, username, expected):
    response = api_client_for(username).post("/api/v1/benefits/", BENEFIT, format="json")
    assert response.status_code == expected
    assert not Benefit.objects.exists()


def test_the_lead_ministry_adds_changes_and_measures_a_benefit(api_client_for):
    client = api_client_for("leder-dfd")
    created = client.post("/api/v1/benefits/", BENEFIT, format="json")
    assert created.status_code == 201, created.content
    url = f"/api/v1/benefits/{created.json()['id']}/"
    changed = client.patch(url, {"target": "80", "measure": "T6"}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["target"], changed.json()["measure"]) == ("80.00", "T5")
    first = client.post(f"{url}measurements/", {"measured_on": "2027-05-01", "value": "10"})
    assert first.status_code == 201
    again = client.post(f"{url}measurements/", {"measured_on": "2027-05-01", "value": "12.5"})
    assert again.status_code == 200
    assert again.json()["measurements"] == [
        {"measured_on": "2027-05-01", "value": "12.50", "comment": ""}
    ]
    kinds = list(AuditEvent.objects.values_list("kind", flat=True).order_by("id"))
    measured = ["benefit.measured", "benefit.measured"]
    assert kinds[-4:] == ["benefit.created", "benefit.changed", *measured]
    read = api_client_for("observator").get("/api/v1/benefits/?measure=T5").json()
    assert [row["title"] for row in read["results"]] == ["Spart tid"]


@pytest.mark.parametrize("username", ["leder-fin", "observator", "koordinator"])
def test_other_users_may_not_change_or_measure_a_benefit(api_client_for, username):
    benefit = _benefit()
    client = api_client_for(username)
    url = f"/api/v1/benefits/{benefit.pk}/"
    assert client.patch(url, {"target": "1"}, format="json").status_code == 403
    measured = client.post(f"{url}measurements/", {"measured_on": "2027-05-01", "value": "1"})
    assert measured.status_code == 403
    assert Benefit.objects.get().target == 10
    assert not BenefitMeasurement.objects.exists()


def test_a_bad_measured_value_is_refused_in_the_language_asked_for(api_client_for):
    benefit = _benefit()
    url = f"/api/v1/benefits/{benefit.pk}/measurements/"
    client = api_client_for("leder-dfd")
    messages = {}
    for language in ("nb", "en"):
        body = {"measured_on": "2027-02-30", "value": "NaN"}
        response = client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        messages[language] = response.json()
    assert set(messages["en"]) == {"measured_on", "value"}
    assert messages["nb"]["value"] != messages["en"]["value"]
    assert not BenefitMeasurement.objects.exists()


def test_the_benefit_list_runs_a_constant_number_of_queries(api_client_for):
    client = api_client_for("observator")
    _benefit()
    few = count_queries(client, "/api/v1/benefits/")
    for number in range(8):
        benefit = _benefit(code="T6", by="leder-dfd", title=f"Gevinst {number}")
        benefit_measurement_record(
            actor=user("leder-dfd"),
            benefit=benefit,
            measured_on=datetime.date(2027, 1, 1 + number),
            value=number,
        )
    assert count_queries(client, "/api/v1/benefits/") == few


# --- Dependencies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "expected"),
    [("anonymous", 401), ("observator", 403), ("sekretariat", 403), ("leder-fin", 403)],
)
def test_only_the_lead_ministry_adds_a_dependency(api_client_for, username, expected):
    body = {"measure": "T5", "depends_on": "T6", "description": "Felles plattform"}
    response = api_client_for(username).post("/api/v1/dependencies/", body, format="json")
    assert response.status_code == expected
    assert not MeasureDependency.objects.exists()


def test_the_lead_ministry_adds_a_dependency_once_and_not_on_itself(api_client_for):
    client = api_client_for("leder-dfd")
    body = {"measure": "T5", "depends_on": "T6", "description": "Felles plattform"}
    created = client.post("/api/v1/dependencies/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["depends_on"] == "T6"
    assert AuditEvent.objects.filter(kind="dependency.added").count() == 1
    twice = client.post("/api/v1/dependencies/", body, format="json")
    itself = client.post("/api/v1/dependencies/", {**body, "depends_on": "T5"}, format="json")
    assert (twice.status_code, itself.status_code) == (400, 400)
    assert MeasureDependency.objects.count() == 1
    listed = api_client_for("observator").get("/api/v1/dependencies/?depends_on=T6").json()
    assert [(row["measure"], row["depends_on"]) for row in listed["results"]] == [("T5", "T6")]


def test_the_dependency_list_runs_a_constant_number_of_queries(api_client_for):
    client = api_client_for("observator")
    lead = user("leder-dfd")
    from measures.services.delivery import dependency_add

    t5 = Measure.objects.get(code="T5")
    dependency_add(actor=lead, measure=t5, depends_on=Measure.objects.get(code="T6"))
    few = count_queries(client, "/api/v1/dependencies/")
    for other in Measure.objects.exclude(code__in=["T5", "T6"])[:5]:
        dependency_add(actor=lead, measure=t5, depends_on=other)
    assert count_queries(client, "/api/v1/dependencies/") == few


# --- Core groups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("anonymous", 401),
        ("observator", 403),
        ("sekretariat", 403),
        ("leder-fin", 403),  # KG1 is led by BFD
        ("leder-bfd", 200),
        ("koordinator", 200),
    ],
)
def test_who_changes_a_core_groups_mandate(api_client_for, username, expected):
    response = api_client_for(username).patch(
        "/api/v1/core-groups/KG1/", {"mandate_en": "A new mandate."}, format="json"
    )
    assert response.status_code == expected
    changed = CoreGroup.objects.get(code="KG1").mandate_en == "A new mandate."
    assert changed == (expected == 200)
    if expected == 200:
        assert response.json()["mandate_en"] == "A new mandate."
        assert AuditEvent.objects.filter(kind="core_group.changed").exists()


def test_a_bad_core_group_change_is_refused_and_changes_nothing(api_client_for):
    before = CoreGroup.objects.get(code="KG1")
    response = api_client_for("koordinator").patch(
        "/api/v1/core-groups/KG1/",
        {"status": "sleeping", "mandate_nb": "x" * 10_001},
        format="json",
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"status", "mandate_nb"}
    after = CoreGroup.objects.get(code="KG1")
    assert (after.status, after.mandate_nb) == (before.status, before.mandate_nb)
    assert api_client_for("koordinator").get("/api/v1/core-groups/KG99/").status_code == 404


@pytest.mark.parametrize(("username", "expected"), [("leder-dfd", 403), ("leder-bfd", 201)])
def test_a_core_groups_report_is_written_by_its_lead_ministry(api_client_for, username, expected):
    period = open_period()
    body = {**REPORT, "period": period.pk, "core_group": "KG1"}
    response = api_client_for(username).post("/api/v1/status-reports/", body, format="json")
    assert response.status_code == expected
    reports = api_client_for("observator").get("/api/v1/core-groups/KG1/").json()["reports"]
    assert len(reports) == (1 if expected == 201 else 0)


def test_the_core_group_list_runs_a_constant_number_of_queries(api_client_for):
    client = api_client_for("observator")
    few = count_queries(client, "/api/v1/core-groups/")
    period = open_period()
    writer = api_client_for("leder-bfd")
    writer.post(
        "/api/v1/status-reports/",
        {**REPORT, "period": period.pk, "core_group": "KG1"},
        format="json",
    )
    group = CoreGroup.objects.get(code="KG3")
    group.participating_ministries.add(*Ministry.objects.all()[:5])
    assert count_queries(client, "/api/v1/core-groups/") == few
