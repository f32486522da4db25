"""The coordinator makes measures and changes their lead ministry, in the pages and the API;
the dated lead history says who led a measure on a given day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure, MeasureLead
from measures.services.measures import measure_lead_change
from portfolio.dashboard.owed import owed_rows
from portfolio.models import AuditEvent, Ministry
from tests.follow_up import open_period, user

pytestmark = pytest.mark.django_db

DENIED = ["leder-fin", "sekretariat", "observator"]
NEW = {
    "code": "T8",
    "name_nb": "Felles analyse",
    "name_en": "Shared analysis",
    "lead_ministry": "FIN",
    "target_areas": ["MO1", "MO2"],
    "participating_ministries": ["KD", "JD"],
}


def _form(data: dict) -> dict:
    return {key: value for key, value in data.items()}


@pytest.mark.parametrize("username", DENIED)
def test_only_the_coordinator_creates_a_measure_in_the_pages(client_for, username):
    client = client_for(username)
    assert client.get(reverse("measures:create")).status_code == 403
    assert client.post(reverse("measures:create"), _form(NEW)).status_code == 403
    assert not Measure.objects.filter(code="T8").exists()


def test_the_coordinator_creates_a_measure_in_the_pages(client_for):
    client = client_for("koordinator")
    assert client.get(reverse("measures:create")).status_code == 200
    response = client.post(reverse("measures:create"), _form(NEW))
    measure = Measure.objects.get(code="T8")
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()
    assert measure.status == Measure.Status.PROPOSED
    assert measure.lead_ministry.abbreviation == "FIN"
    assert sorted(measure.target_areas.values_list("code", flat=True)) == ["MO1", "MO2"]
    assert measure.position == 8
    assert list(measure.leads.values_list("ministry__abbreviation", "valid_from")) == [
        ("FIN", None)
    ]
    event = AuditEvent.objects.get(kind="measure.created")
    assert event.actor.username == "koordinator"
    assert event.after["code"] == "T8"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "T1"}, "code"),  # taken
        ({"code": "ny"}, "code"),  # not a code (and a page address)
        ({"target_areas": []}, "target_areas"),
        ({"lead_ministry": "DSS"}, "lead_ministry"),  # an agency leads nothing
        ({"name_nb": ""}, "name_nb"),
    ],
)
def test_a_bad_new_measure_is_refused_and_nothing_is_made(client_for, change, field):
    before = Measure.objects.count()
    response = client_for("koordinator").post(reverse("measures:create"), {**NEW, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Measure.objects.count() == before


@pytest.mark.parametrize(
    ("username", "expected"), [*[(u, 403) for u in DENIED], ("anonymous", 401)]
)
def test_only_the_coordinator_creates_a_measure_through_the_api(api_client_for, username, expected):
    response = api_client_for(username).post("/api/v1/measures/", NEW, format="json")
    assert response.status_code == expected
    assert not Measure.objects.filter(code="T8").exists()


def test_the_coordinator_creates_a_measure_through_the_api(api_client_for):
    client = api_client_for("koordinator")
    response = client.post("/api/v1/measures/", NEW, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["code"] == "T8"
    assert response.json()["status"] == "proposed"
    again = client.post("/api/v1/measures/", NEW, format="json")
    assert again.status_code == 400
    assert "code" in again.json()
    assert Measure.objects.filter(code="T8").count() == 1


def test_the_lead_of_the_day_before_and_after_2024(reference_data):
    t5 = Measure.objects.prefetch_related("leads__ministry").get(code="T5")
    assert t5.lead_on(datetime.date(2023, 12, 31)).abbreviation == "KDD"
    assert t5.lead_on(datetime.date(2024, 1, 1)).abbreviation == "DFD"
    assert t5.lead_on(datetime.date(2022, 3, 1)).abbreviation == "KDD"


def test_overdue_reports_are_owed_by_the_lead_of_the_day(demo_users):
    """A report overdue in December 2023 was KDD's to write; in 2024 it is DFD's."""
    open_period(2023, 3, due_on=datetime.date(2023, 12, 15))
    ids = set(Ministry.objects.filter(abbreviation__in=["KDD", "DFD"]).values_list("pk", flat=True))

    def owed(day):
        rows = owed_rows(ministry_ids=ids, today=day)
        return {row.ministry.abbreviation: {r["measure"].code for r in row.reports} for row in rows}

    # DFD did not exist yet in 2023, so it owes nothing and is not listed.
    assert owed(datetime.date(2023, 12, 20)) == {"KDD": {"T1", "T2", "T3", "T5", "T6", "T7"}}
    assert owed(datetime.date(2024, 2, 1)) == {
        "KDD": set(),
        "DFD": {"T1", "T2", "T3", "T5", "T6", "T7"},
    }


def test_the_lead_of_today_writes_the_report_and_a_former_lead_may_not(demo_users):
    from measures.permissions import can_write_measure

    t5 = Measure.objects.get(code="T5")
    assert can_write_measure(user=user("leder-dfd"), measure=t5)
    assert not can_write_measure(user=user("leder-kdd"), measure=t5)


@pytest.mark.parametrize("username", DENIED)
def test_only_the_coordinator_changes_the_lead_in_the_pages(client_for, username):
    client = client_for(username)
    url = reverse("measures:lead-change", args=["T4"])
    assert client.get(url).status_code == 403
    data = {"lead_ministry": "DFD", "valid_from": timezone.localdate().isoformat()}
    assert client.post(url, data).status_code == 403
    assert Measure.objects.get(code="T4").lead_ministry.abbreviation == "FIN"


def test_the_coordinator_changes_the_lead_from_a_date(client_for):
    client = client_for("koordinator")
    url = reverse("measures:lead-change", args=["T4"])
    assert client.get(url).status_code == 200
    day = timezone.localdate() - datetime.timedelta(days=10)
    response = client.post(url, {"lead_ministry": "DFD", "valid_from": day.isoformat()})
    assert response.status_code == 302
    t4 = Measure.objects.prefetch_related("leads__ministry").get(code="T4")
    assert t4.lead_ministry.abbreviation == "DFD"
    assert t4.lead_on(day - datetime.timedelta(days=1)).abbreviation == "FIN"
    assert t4.lead_on(day).abbreviation == "DFD"
    event = AuditEvent.objects.get(kind="measure.lead_changed")
    assert event.before == {"lead_ministry": "FIN"}
    assert event.after == {"lead_ministry": "DFD", "valid_from": day.isoformat()}
    page = client_for("observator").get(reverse("measures:detail", args=["T4"]))
    assert "Change lead ministry" not in page.content.decode()
    assert "DFD" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"lead_ministry": "FIN", "valid_from": "2025-01-01"}, "lead_ministry"),  # leads already
        ({"lead_ministry": "DFD", "valid_from": "2099-01-01"}, "valid_from"),  # future
        ({"lead_ministry": "DFD", "valid_from": "1800-01-01"}, "valid_from"),
        ({"lead_ministry": "KMD", "valid_from": "2025-01-01"}, "lead_ministry"),  # gone by then
    ],
)
def test_a_bad_change_of_lead_is_refused_and_nothing_changes(api_client_for, data, field):
    rows = list(MeasureLead.objects.values_list("pk", "ministry_id", "valid_from", "valid_to"))
    response = api_client_for("koordinator").post("/api/v1/measures/T4/lead/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert (
        list(MeasureLead.objects.values_list("pk", "ministry_id", "valid_from", "valid_to")) == rows
    )


def test_a_change_of_lead_cannot_go_before_the_lead_in_force(demo_users):
    with pytest.raises(Exception) as refused:
        measure_lead_change(
            actor=user("koordinator"),
            measure=Measure.objects.get(code="T5"),
            lead_ministry=Ministry.objects.get(abbreviation="FIN"),
            valid_from=datetime.date(2023, 6, 1),
        )
    assert "valid_from" in refused.value.message_dict


@pytest.mark.parametrize(
    ("username", "expected"), [*[(u, 403) for u in DENIED], ("koordinator", 200)]
)
def test_only_the_coordinator_changes_the_lead_through_the_api(api_client_for, username, expected):
    day = timezone.localdate().isoformat()
    response = api_client_for(username).post(
        "/api/v1/measures/T4/lead/", {"lead_ministry": "DFD", "valid_from": day}, format="json"
    )
    assert response.status_code == expected
    lead = Measure.objects.get(code="T4").lead_ministry.abbreviation
    assert lead == ("DFD" if expected == 200 else "FIN")
    if expected == 200:
        assert [row["ministry"] for row in response.json()] == ["FIN", "DFD"]
