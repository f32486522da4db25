"""The forum, meeting and minutes pages: who may do what in the UI, PDFs and calendars."""

import datetime
import hashlib
import io
import re

import icalendar
import pytest
from django.utils import timezone
from pypdf import PdfReader

from forums.models import Meeting, Minutes, MinutesEntry, ReviewComment
from forums.services.meetings import meeting_cancel, meeting_reschedule
from tests.forums.conftest import end_review, user

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_forum_page_draws_the_wheel_and_lists_the_year(
    client_for, meetings_2027, django_assert_max_num_queries
):
    client = client_for("observator")
    with django_assert_max_num_queries(16):
        response = client.get("/forums/strategisk-forum/?year=2027")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="wheel-meeting') == 5
    assert 'role="img"' in page and "<desc" in page
    assert 'cx="220.0"' in page and not re.search(r'(cx|cy|x|y)="[0-9]+,[0-9]', page)
    assert "Vintermøte" in page and "Illustrasjon" in page
    assert client.get("/forums/").status_code == 200
    assert client_for("anonymous").get("/forums/").status_code == 302


def test_meeting_page_shows_numbered_agenda(client_for, meetings_2027):
    response = client_for("leder-fin").get(f"/meetings/{meetings_2027[0].pk}/")
    assert "Sak 1/27 Porteføljegjennomgang" in response.content.decode()


def test_only_the_secretariat_adds_agenda_items_in_the_ui(client_for, meetings_2027):
    meeting = meetings_2027[1]
    url = f"/meetings/{meeting.pk}/agenda/"
    body = {"agenda-title": "Ny sak", "agenda-presenter": "FIN"}
    assert client_for("leder-fin").post(url, body).status_code == 403
    assert client_for("sekretariat").post(url, body).status_code == 302
    assert list(meeting.agenda_items.values_list("number", flat=True))[-1] == 12
    assert meeting.agenda_items.filter(title="Ny sak").exists()


def test_the_secretariat_starts_the_minutes_with_the_button_on_the_meeting_page(
    client_for, held_meeting
):
    page = client_for("sekretariat").get(f"/meetings/{held_meeting.pk}/").content.decode()
    action = re.search(r'action="([^"]+)"><input[^>]*><button[^>]*>Start referatet', page)[1]
    assert client_for("leder-fin").post(action).status_code == 403
    response = client_for("sekretariat").post(action)
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{held_meeting.pk}/minutes/"
    assert Minutes.objects.filter(meeting=held_meeting, status="draft").count() == 1


def test_ui_only_secretariat_edits_minutes(client_for, draft_minutes, held_meeting):
    item = held_meeting.agenda_items.first()
    url = f"/minutes/{draft_minutes.pk}/entry/"
    body = {"entry-agenda_item": item.pk, "entry-kind": "information", "entry-text": "Orientert."}
    assert client_for("leder-fin").post(url, body).status_code == 403
    assert client_for("koordinator").post(url, body).status_code == 403
    assert client_for("sekretariat").post(url, body).status_code == 302
    assert draft_minutes.entries.count() == 3
    page = client_for("leder-fin").get(f"/meetings/{held_meeting.pk}/minutes/").content.decode()
    assert "Orientert." in page and 'name="entry-text"' not in page


def test_ui_only_a_seat_comments_and_only_for_its_ministry(client_for, review_minutes):
    url = f"/minutes/{review_minutes.pk}/comment/"
    body = {"comment-kind": "comment", "comment-text": "Merknad fra FIN"}
    assert client_for("sekretariat").post(url, body).status_code == 403
    assert client_for("observator").post(url, body).status_code == 403
    assert client_for("leder-fin").post(url, body).status_code == 302
    assert list(ReviewComment.objects.values_list("ministry__abbreviation", flat=True)) == ["FIN"]
    comment = ReviewComment.objects.get()
    answer = {"answer-answer": "Tatt inn."}
    assert (
        client_for("leder-fin").post(f"/review-comments/{comment.pk}/answer/", answer).status_code
        == 403
    )
    assert (
        client_for("sekretariat").post(f"/review-comments/{comment.pk}/answer/", answer).status_code
        == 302
    )
    assert ReviewComment.objects.get().answer == "Tatt inn."


def test_ui_approval_and_frozen_minutes(client_for, review_minutes, held_meeting):
    end_review(review_minutes)
    url = f"/minutes/{review_minutes.pk}/approve/"
    assert client_for("leder-fin").post(url).status_code == 403
    assert client_for("leder-dfd").post(url).status_code == 302
    review_minutes.refresh_from_db()
    assert review_minutes.status == Minutes.Status.APPROVED
    item = held_meeting.agenda_items.first()
    body = {"entry-agenda_item": item.pk, "entry-kind": "information", "entry-text": "Sent"}
    response = client_for("sekretariat").post(
        f"/minutes/{review_minutes.pk}/entry/", body, follow=True
    )
    assert "Godkjente referater kan ikke endres" in response.content.decode()
    assert MinutesEntry.objects.filter(minutes=review_minutes).count() == 2
    entry = review_minutes.entries.first()
    client_for("sekretariat").post(f"/minutes-entries/{entry.pk}/delete/")
    assert MinutesEntry.objects.filter(pk=entry.pk).exists()
    page = client_for("observator").get(f"/meetings/{held_meeting.pk}/minutes/").content.decode()
    assert review_minutes.pdf_sha256 in page


def test_minutes_pdf_contains_the_conclusions(client_for, review_minutes, held_meeting):
    url = f"/meetings/{held_meeting.pk}/minutes.pdf"
    draft = client_for("observator").get(url)
    assert draft.status_code == 200 and draft["Content-Type"] == "application/pdf"
    end_review(review_minutes)
    client_for("leder-dfd").post(f"/minutes/{review_minutes.pk}/approve/")
    response = client_for("observator").get(url)
    assert response["Content-Type"] == "application/pdf"
    review_minutes.refresh_from_db()
    assert hashlib.sha256(response.content).hexdigest() == review_minutes.pdf_sha256
    text = _pdf_text(response.content)
    assert "Forumet slutter seg til porteføljen for 2027 – med én endring." in text
    assert "Konklusjon" in text and "Oppfølgingspunkt" in text and "Side 1 av" in text


def test_minutes_pdf_is_404_without_minutes(client_for, meetings_2027):
    assert (
        client_for("observator").get(f"/meetings/{meetings_2027[0].pk}/minutes.pdf").status_code
        == 404
    )


def test_agenda_pdf_lists_the_items(client_for, meetings_2027):
    response = client_for("leder-fin").get(f"/meetings/{meetings_2027[0].pk}/agenda.pdf")
    text = _pdf_text(response.content)
    assert "Innkalling" in text and "Sak 1/27 Porteføljegjennomgang" in text


def _events(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_forum_calendar_feed(client_for, meetings_2027):
    from forums.services.calendar_tokens import calendar_token_get_or_create

    client = client_for("leder-fin")
    response = client.get("/calendar/forums/strategisk-forum.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    first = events["Strategisk forum: Vintermøte"]
    assert len(events) == 5
    assert first["dtstart"].dt.tzinfo.key == "Europe/Oslo"
    assert first["dtstart"].dt == timezone.localtime(meetings_2027[0].starts_at)
    assert int(first["sequence"]) == 0 and str(first["status"]) == "CONFIRMED"
    uid = str(first["uid"])

    secretariat = user("sekretariat")
    meeting_reschedule(
        actor=secretariat,
        meeting=meetings_2027[0],
        starts_at=meetings_2027[0].starts_at + datetime.timedelta(days=1),
    )
    meeting_cancel(actor=secretariat, meeting=meetings_2027[1])
    events = _events(client.get("/calendar/forums/strategisk-forum.ics").content)
    moved = events["Strategisk forum: Vintermøte"]
    assert (str(moved["uid"]), int(moved["sequence"])) == (uid, 1)
    assert str(events["Strategisk forum: Vårmøte"]["status"]) == "CANCELLED"

    anonymous = client_for("anonymous")
    assert anonymous.get("/calendar/forums/strategisk-forum.ics").status_code == 302
    assert anonymous.get("/calendar/forums/strategisk-forum.ics?token=nope").status_code == 302
    token = calendar_token_get_or_create(user=user("leder-fin"))
    with_token = anonymous.get(f"/calendar/forums/strategisk-forum.ics?token={token}")
    assert with_token.status_code == 200 and len(_events(with_token.content)) == 5


def test_personal_calendar_feed(client_for, meetings_2027):
    from forums.services.calendar_tokens import calendar_token_get_or_create

    anonymous = client_for("anonymous")
    response = anonymous.get(
        f"/calendar/me/{calendar_token_get_or_create(user=user('leder-fin'))}.ics"
    )
    assert len(_events(response.content)) == 5
    assert anonymous.get("/calendar/me/unknown.ics").status_code == 404
    # Not a member of any forum: an empty, valid calendar.
    empty = anonymous.get(
        f"/calendar/me/{calendar_token_get_or_create(user=user('observator'))}.ics"
    )
    assert _events(empty.content) == {}


def test_meeting_is_moved_and_cancelled_in_the_ui(client_for, meetings_2027):
    meeting = meetings_2027[2]
    url = f"/meetings/{meeting.pk}/reschedule/"
    body = {"move-starts_at": "2027-06-10T10:00", "move-place": "Digitalt"}
    assert client_for("leder-fin").post(url, body).status_code == 403
    assert client_for("sekretariat").post(url, body).status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2027-06-10 10:00"
    assert meeting.slot.month == 6 and meeting.slot.week == 2  # the wheel is unchanged
    client_for("sekretariat").post(f"/meetings/{meeting.pk}/cancel/")
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED


def test_agenda_items_link_measures_and_pages_keep_their_query_count(
    client_for, review_minutes, held_meeting, django_assert_max_num_queries
):
    from measures.models import Measure

    meeting = Meeting.objects.get(pk=held_meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PLANNED)
    client_for("sekretariat").post(
        f"/meetings/{meeting.pk}/agenda/",
        {"agenda-title": "Felles IKT", "agenda-measures": [Measure.objects.get(code="T5").pk]},
    )
    client = client_for("leder-fin")
    with django_assert_max_num_queries(20):
        page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'href="/tiltak/T5/"' in page
    with django_assert_max_num_queries(25):
        assert client.get(f"/meetings/{meeting.pk}/minutes/").status_code == 200


def test_secretariat_plans_the_year_from_the_forum_page(client_for, forum):
    url = "/forums/strategisk-forum/materialise/"
    assert client_for("leder-fin").post(url, {"year": 2028}).status_code == 403
    assert (
        "Planlegg møtene"
        not in client_for("leder-fin").get("/forums/strategisk-forum/").content.decode()
    )
    for _ in range(2):
        response = client_for("sekretariat").post(url, {"year": 2028}, follow=True)
    assert "0 møter opprettet for 2028." in response.content.decode()
    assert Meeting.objects.filter(forum=forum, year=2028).count() == 5
