"""Decided: draft minutes are read by every logged-in user, in the page, the API and the PDF.

The ministries own the forums together as equals; every seated ministry reviews the draft,
and the record is open across the ministry community. Anonymous visitors read nothing.
"""

import pytest

pytestmark = pytest.mark.django_db

TEXT = "Forumet slutter seg til porteføljen for 2027"


@pytest.mark.parametrize("who", ["observator", "leder-fin", "leder-smk", "koordinator"])
def test_every_logged_in_user_reads_draft_minutes(client_for, api_client_for, draft_minutes, who):
    meeting = draft_minutes.meeting
    assert TEXT in client_for(who).get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    api = api_client_for(who).get(f"/api/v1/minutes/{draft_minutes.pk}/")
    assert api.status_code == 200
    assert TEXT in api.content.decode()
    pdf = client_for(who).get(f"/meetings/{meeting.pk}/minutes.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_anonymous_visitors_read_no_minutes(client_for, api_client_for, draft_minutes):
    meeting = draft_minutes.meeting
    for url in [f"/meetings/{meeting.pk}/minutes/", f"/meetings/{meeting.pk}/minutes.pdf"]:
        response = client_for("anonymous").get(url)
        assert response.status_code == 302
        assert TEXT not in response.content.decode()
    assert (
        api_client_for("anonymous").get(f"/api/v1/minutes/{draft_minutes.pk}/").status_code == 401
    )
