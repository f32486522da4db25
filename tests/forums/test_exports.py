"""Exports people use: the CSV in Norwegian Excel, iCal events that lead back to the meeting."""

import csv
import io

import pytest
from django.conf import settings
from icalendar import Calendar

from forums.services.meetings import agenda_item_create
from tests.follow_up import open_period, report
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "delimiter", "header"), [("nb", ";", "Kode"), ("en", ",", "Code")]
)
def test_csv_opens_in_excel_of_the_readers_language(
    client_for, demo_users, language, delimiter, header
):
    report("T5", open_period(2027, 1), rag="green")
    client = client_for("observator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = client.get("/portefolje/eksport.csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))
    assert rows[0][0] == header and len(rows[0]) == 11
    assert all(len(row) == 11 for row in rows)


def test_ical_events_carry_the_agenda_and_a_link_back(client_for, meetings_2027):
    meeting = meetings_2027[0]
    agenda_item_create(actor=user("sekretariat"), meeting=meeting, title="Porteføljen 2027")
    content = client_for("observator").get("/calendar/forums/strategisk-forum.ics").content
    events = {str(e["url"]): e for e in Calendar.from_ical(content).walk("VEVENT")}
    event = events[f"http://testserver/meetings/{meeting.pk}/"]
    description = str(event["description"])
    assert "Porteføljen 2027" in description
    assert f"http://testserver/meetings/{meeting.pk}/" in description


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_dashboard_downloads_as_pdf_with_the_filters(client_for, demo_users, language):
    report("T5", open_period(2027, 1), rag="red")
    client = client_for("observator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert 'href="/portefolje/portefolje.pdf' in client.get("/portefolje/").content.decode()
    response = client.get("/portefolje/portefolje.pdf?rag=red")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response.context["measures"][0].code == "T5" and len(response.context["measures"]) == 1
    assert client_for("anonymous").get("/portefolje/portefolje.pdf").status_code == 302
