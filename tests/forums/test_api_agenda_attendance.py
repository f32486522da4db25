"""The API of a meeting's agenda items and attendance: the same rules and errors as the page."""

import datetime

import pytest
from django.utils import timezone

from forums.models import AgendaItem, Attendance, Meeting
from forums.services.meetings import agenda_item_create, attendance_set
from portfolio.models import AuditEvent, Ministry
from tests.follow_up import count_queries
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

ITEMS = "/api/v1/agenda-items/"
ATTENDANCE = "/api/v1/attendance/"
REFUSED = [("anonymous", 401), ("observator", 403), ("koordinator", 403), ("leder-fin", 403)]


@pytest.fixture
def meeting(meetings_2027) -> Meeting:
    return meetings_2027[1]


@pytest.mark.parametrize(("username", "expected"), [*REFUSED, ("sekretariat", 201)])
def test_only_the_secretariat_puts_items_on_the_agenda(api_client_for, meeting, username, expected):
    before = AgendaItem.objects.count()
    body = {"meeting": meeting.pk, "title": "Porteføljen 2028", "measures": ["T5"]}
    response = api_client_for(username).post(ITEMS, body, format="json")
    assert response.status_code == expected
    assert AgendaItem.objects.count() == before + (expected == 201)
    if expected == 201:
        item = response.json()
        assert (item["title"], item["measures"], item["forum"]) == (
            "Porteføljen 2028",
            ["T5"],
            "strategisk-forum",
        )
        assert item["number"] > 0 and item["label"]
        assert AuditEvent.objects.filter(kind="agenda_item.created").exists()


def test_agenda_items_are_refused_for_a_held_meeting_and_a_proposal_of_another_forum(
    api_client_for, meeting, held_meeting, consultation
):
    client = api_client_for("sekretariat")
    before = AgendaItem.objects.count()
    held = client.post(ITEMS, {"meeting": held_meeting.pk, "title": "Sent"}, format="json")
    assert held.status_code == 409
    answers = {}
    for language in ("nb", "en"):
        answers[language] = client.post(
            ITEMS,
            {"meeting": meeting.pk, "title": "   ", "proposals": [987654]},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
    assert answers["en"].status_code == 400
    assert set(answers["en"].json()) == {"title", "proposals"}
    assert answers["nb"].json() != answers["en"].json()
    assert AgendaItem.objects.count() == before


def test_every_user_reads_the_agenda_items_of_a_meeting(api_client_for, meeting):
    response = api_client_for("observator").get(ITEMS, {"meeting": meeting.pk})
    assert response.status_code == 200
    titles = [row["title"] for row in response.json()["results"]]
    assert titles == list(meeting.agenda_items.order_by("number").values_list("title", flat=True))


def test_the_agenda_item_list_runs_a_constant_number_of_queries(api_client_for, meeting):
    client = api_client_for("observator")
    few = count_queries(client, ITEMS)
    for number in range(5):
        agenda_item_create(
            actor=user("sekretariat"),
            meeting=meeting,
            title=f"Sak {number}",
            measures=list(meeting.forum.measures.all()[:2]),
        )
    assert count_queries(client, ITEMS) == few


# --- Attendance -------------------------------------------------------------------------------


@pytest.mark.parametrize(("username", "expected"), [*REFUSED, ("sekretariat", 201)])
def test_only_the_secretariat_records_attendance(api_client_for, held_meeting, username, expected):
    body = {"meeting": held_meeting.pk, "ministry": "FIN", "status": "present", "person": "Kari"}
    response = api_client_for(username).post(ATTENDANCE, body, format="json")
    assert response.status_code == expected
    assert Attendance.objects.exists() == (expected == 201)


def test_recording_again_changes_the_attendance(api_client_for, held_meeting):
    client = api_client_for("sekretariat")
    body = {"meeting": held_meeting.pk, "ministry": "FIN", "status": "present"}
    assert client.post(ATTENDANCE, body, format="json").status_code == 201
    changed = client.post(ATTENDANCE, {**body, "status": "deputy"}, format="json")
    assert changed.status_code == 200
    assert Attendance.objects.get().status == "deputy"
    listed = api_client_for("observator").get(ATTENDANCE, {"meeting": held_meeting.pk}).json()
    assert [(row["ministry"], row["status"]) for row in listed["results"]] == [("FIN", "deputy")]


def test_attendance_needs_a_seat_that_existed_on_the_day(api_client_for, held_meeting):
    client = api_client_for("sekretariat")
    fin = ministry("FIN")
    Ministry.objects.filter(pk=fin.pk).update(
        valid_to=timezone.localdate(held_meeting.starts_at) - datetime.timedelta(days=1)
    )
    answers = {}
    for language in ("nb", "en"):
        answers[language] = [
            client.post(ATTENDANCE, body, format="json", HTTP_ACCEPT_LANGUAGE=language)
            for body in (
                {"meeting": held_meeting.pk, "ministry": "FIN", "status": "present"},
                {"meeting": held_meeting.pk, "ministry": "DSS", "status": "present"},
                {"meeting": held_meeting.pk, "ministry": "KDD", "status": "asleep"},
            )
        ]
    assert [response.status_code for response in answers["en"]] == [400, 400, 400]
    assert [set(response.json()) for response in answers["en"]] == [
        {"ministry"},
        {"ministry"},
        {"status"},
    ]
    assert [r.json() for r in answers["nb"]] != [r.json() for r in answers["en"]]
    assert not Attendance.objects.exists()


def test_the_attendance_list_runs_a_constant_number_of_queries(api_client_for, held_meeting):
    client = api_client_for("observator")
    secretariat = user("sekretariat")
    attendance_set(
        actor=secretariat, meeting=held_meeting, ministry=ministry("FIN"), status="present"
    )
    few = count_queries(client, ATTENDANCE)
    day = timezone.localdate(held_meeting.starts_at)
    seated = Ministry.objects.filter(forum_seats__forum=held_meeting.forum).active_on(day)
    for other in seated.exclude(abbreviation="FIN")[:6]:
        attendance_set(actor=secretariat, meeting=held_meeting, ministry=other, status="absent")
    assert count_queries(client, ATTENDANCE) == few
