"""A ministry that had ceased to exist by a meeting's day is refused for that meeting in every
channel, not only left out of the web forms: attendance, and the owner of a follow-up action."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from forums.models import ForumSeat, MinutesEntry
from forums.services.meetings import attendance_set
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db


def _entry(minutes, owner: str) -> dict:
    item = minutes.meeting.agenda_items.order_by("number").first()
    return {
        "agenda_item": item.pk,
        "kind": "follow_up_action",
        "text": "Følge opp saken.",
        "owner_ministry": owner,
        "due_date": "2027-03-01",
    }


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_api_refuses_an_ended_ministry_as_owner_of_a_follow_up_action(
    api_client_for, draft_minutes, language
):
    count = MinutesEntry.objects.count()
    response = api_client_for("sekretariat").post(
        f"/api/v1/minutes/{draft_minutes.pk}/entries/",
        _entry(draft_minutes, "KMD"),
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    [message] = response.json()["owner_ministry"]
    assert "KMD" in message
    assert ("var ikke et departement" in message) == (language == "nb")
    assert MinutesEntry.objects.count() == count


def test_the_api_accepts_a_ministry_that_existed_on_the_meetings_day(api_client_for, draft_minutes):
    response = api_client_for("sekretariat").post(
        f"/api/v1/minutes/{draft_minutes.pk}/entries/", _entry(draft_minutes, "KDD"), format="json"
    )
    assert response.status_code == 201, response.content


def test_attendance_of_an_ended_ministry_is_refused(held_meeting):
    ForumSeat.objects.get_or_create(forum=held_meeting.forum, ministry=ministry("KMD"))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        attendance_set(
            actor=user("sekretariat"),
            meeting=held_meeting,
            ministry=ministry("KMD"),
            status="present",
        )
    assert "KMD no longer existed" in refused.value.message_dict["ministry"][0]
    assert not held_meeting.attendance.filter(ministry__abbreviation="KMD").exists()
