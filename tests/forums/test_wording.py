"""Day-month-year and the 24-hour clock in both languages; words, not codes; one word per concept."""

import datetime

import pytest
from django.conf import settings

from forums.forms.meetings import AttendanceForm, EntryForm
from forums.services.proposals import position_record
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db


def get(client, path: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected", "never"),
    [
        ("nb", ["Andre tirsdag i februar, 09.00", "9. februar 2027"], ["i måned", "a.m."]),
        ("en", ["Second Tuesday in February, 09:00", "9 February 2027"], ["a.m.", "p.m.", "noon"]),
    ],
)
def test_the_wheel_speaks_in_words_and_day_month_year(
    client_for, meetings_2027, language, expected, never
):
    page = get(client_for("observator"), "/forums/strategisk-forum/?year=2027", language)
    for text in expected:
        assert text in page
    for text in never:
        assert text not in page


def test_english_meeting_page_has_no_american_dates(client_for, meetings_2027):
    page = get(client_for("observator"), f"/meetings/{meetings_2027[0].pk}/", "en")
    assert "Tuesday 9 February 2027" in page and "09:00" in page
    assert "Feb. 9" not in page and "a.m." not in page


@pytest.mark.parametrize(("language", "label"), [("nb", "Koordinator"), ("en", "Coordinator")])
def test_the_account_page_names_roles_in_words(client_for, language, label):
    page = get(client_for("koordinator"), "/konto/", language)
    assert label in page and ">coordinator<" not in page


def test_the_dashboard_has_one_status_column_and_the_roadmap_says_k(client_for, demo_users):
    client = client_for("observator")
    page = get(client, "/portefolje/", "nb")
    headers = [h for h in page.split("<th")[1:] if ">Status<" in h.split("</th>")[0]]
    assert len(headers) == 1 and "Livsløp" in page
    roadmap = get(client, "/portefolje/veikart/?start=2027-Q3", "nb")
    assert "K3 2027" in roadmap and "Q3 2027" not in roadmap


def test_the_proposal_history_logs_a_position_once_in_bokmal(client_for, consultation):
    position_record(
        actor=user("leder-fin"), proposal=consultation, ministry=ministry("FIN"), position="endorse"
    )
    page = get(client_for("koordinator"), f"/saker/{consultation.pk}/historikk/", "nb")
    assert page.count("<strong>Standpunkt:</strong> Tilslutning") == 1
    assert "lassering" not in page and "Created by" not in page and "[]" not in page


def test_ended_ministries_are_not_offered_for_later_meetings(meetings_2027):
    meeting = meetings_2027[0]
    owners = {m.abbreviation for m in EntryForm(meeting=meeting).fields["owner_ministry"].queryset}
    attending = AttendanceForm(meeting=meeting).fields["ministry"].queryset
    assert "FIN" in owners and not {"KMD", "OED", "ASD"} & owners
    assert all(m.valid_to is None or m.valid_to >= datetime.date(2027, 2, 9) for m in attending)
