"""The API of planning a forum's year from its annual wheel: the same service, rules and errors
as the forum's page."""

import pytest

from forums.models import Meeting
from portfolio.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/forums/strategisk-forum/materialise/"


def _meetings() -> list:
    return list(Meeting.objects.order_by("pk").values_list("pk", "year", "status"))


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("anonymous", 401),
        ("observator", 403),
        ("leder-fin", 403),
        ("leder-dfd", 403),
        ("sekretariat", 200),
        ("koordinator", 200),
        ("admin", 200),
    ],
)
def test_the_secretariat_and_the_coordinator_plan_a_year(api_client_for, forum, username, expected):
    before = _meetings()
    response = api_client_for(username).post(URL, {"year": 2028}, format="json")
    assert response.status_code == expected, response.content
    if expected != 200:
        assert _meetings() == before
        return
    planned = forum.meetings.filter(year=2028)
    assert planned.exists()
    body = response.json()
    assert body["year"] == 2028
    assert sorted(row["id"] for row in body["created"]) == sorted(
        planned.values_list("pk", flat=True)
    )
    assert {row["forum"] for row in body["created"]} == {"strategisk-forum"}
    assert AuditEvent.objects.filter(kind="meeting.materialised", actor__username=username).exists()


def test_planning_again_creates_nothing_and_keeps_a_cancelled_meeting(api_client_for, forum):
    client = api_client_for("sekretariat")
    first = client.post(URL, {"year": 2028}, format="json").json()["created"]
    Meeting.objects.filter(pk=first[0]["id"]).update(status=Meeting.Status.CANCELLED)
    before = _meetings()
    again = client.post(URL, {"year": 2028}, format="json")
    assert again.status_code == 200 and again.json()["created"] == []
    assert _meetings() == before


def test_a_year_out_of_range_is_refused_translated(api_client_for, forum):
    before = _meetings()
    answers = {
        language: api_client_for("koordinator").post(
            URL, {"year": 1999}, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
        for language in ("nb", "en")
    }
    assert answers["en"].status_code == 400 and list(answers["en"].json()) == ["year"]
    assert answers["nb"].json() != answers["en"].json()
    unknown = api_client_for("koordinator").post(
        "/api/v1/forums/no-such-forum/materialise/", {"year": 2028}, format="json"
    )
    assert unknown.status_code == 404
    assert _meetings() == before
