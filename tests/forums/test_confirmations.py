"""Irreversible forum actions ask first and say what will happen; a cancelled meeting comes back."""

import datetime

import pytest
from django.utils import timezone

from forums.models import FollowUpAction, Meeting, Minutes, MinutesEntry, Proposal
from forums.services.meetings import meeting_cancel, meeting_reinstate
from portfolio.models import AuditEvent
from tests.forums.conftest import end_review, user

pytestmark = pytest.mark.django_db


def asks(response, *words: str) -> bool:
    page = response.content.decode()
    return (
        response.status_code == 200 and "Hva som vil skje" in page and all(w in page for w in words)
    )


def test_cancelling_a_meeting_asks_first_and_changes_nothing(client_for, meetings_2027):
    meeting = meetings_2027[1]
    detail = client_for("sekretariat").get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'href="/meetings/{meeting.pk}/cancel/"' in detail
    response = client_for("sekretariat").get(f"/meetings/{meeting.pk}/cancel/")
    assert asks(response, "Avlys møtet", "gjeninnsette")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


@pytest.mark.parametrize("username", ["observator", "leder-fin", "koordinator"])
def test_only_planners_see_the_question(client_for, meetings_2027, username):
    meeting = meetings_2027[1]
    assert client_for(username).get(f"/meetings/{meeting.pk}/cancel/").status_code == 403


def test_a_cancelled_meeting_is_reinstated_with_an_audit_event(client_for, meetings_2027):
    meeting = meetings_2027[1]
    client = client_for("sekretariat")
    client.post(f"/meetings/{meeting.pk}/cancel/")
    meeting.refresh_from_db()
    sequence = meeting.sequence
    assert meeting.status == Meeting.Status.CANCELLED
    assert "Gjeninnsett møtet" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    response = client.post(f"/meetings/{meeting.pk}/reinstate/", follow=True)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    assert meeting.sequence == sequence + 1
    assert "Møtet er gjeninnsatt" in response.content.decode()
    event = AuditEvent.objects.filter(kind="meeting.reinstated").get()
    assert (event.actor.username, event.after["status"]) == ("sekretariat", "planned")


@pytest.mark.parametrize("username", ["observator", "leder-fin", "koordinator"])
def test_only_planners_reinstate(client_for, meetings_2027, username):
    meeting = meeting_cancel(actor=user("sekretariat"), meeting=meetings_2027[1])
    response = client_for(username).post(f"/meetings/{meeting.pk}/reinstate/")
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert not AuditEvent.objects.filter(kind="meeting.reinstated").exists()


def test_a_meeting_that_would_have_started_is_not_reinstated(meetings_2027):
    from forums.exceptions import WrongState

    meeting = meeting_cancel(actor=user("sekretariat"), meeting=meetings_2027[1])
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(WrongState):
        meeting_reinstate(actor=user("sekretariat"), meeting=meeting)
    with pytest.raises(WrongState):
        meeting_reinstate(actor=user("sekretariat"), meeting=meetings_2027[2])


@pytest.mark.parametrize(("action", "words"), [("lukk", "Lukk saken"), ("trekk", "Trekk saken")])
def test_closing_and_withdrawing_a_proposal_ask_first(client_for, consultation, action, words):
    detail = client_for("koordinator").get(f"/saker/{consultation.pk}/").content.decode()
    assert f'href="/saker/{consultation.pk}/{action}/"' in detail
    response = client_for("koordinator").get(f"/saker/{consultation.pk}/{action}/")
    assert asks(response, words)
    assert client_for("leder-fin").get(f"/saker/{consultation.pk}/{action}/").status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == Proposal.Status.CONSULTATION


def test_closing_a_period_asks_first(client_for):
    from tests.follow_up import open_period

    period = open_period(2027, 1)
    assert asks(client_for("koordinator").get(f"/tiltak/perioder/{period.pk}/lukk/"))
    assert client_for("leder-fin").get(f"/tiltak/perioder/{period.pk}/lukk/").status_code == 403
    period.refresh_from_db()
    assert period.is_open


def test_removing_an_entry_and_approving_minutes_ask_first(client_for, review_minutes):
    entry = review_minutes.entries.first()
    assert asks(client_for("sekretariat").get(f"/minutes-entries/{entry.pk}/delete/"))
    assert client_for("leder-fin").get(f"/minutes-entries/{entry.pk}/delete/").status_code == 403
    end_review(review_minutes)
    page = client_for("leder-dfd").get(f"/meetings/{review_minutes.meeting_id}/minutes/")
    approve = f"/minutes/{review_minutes.pk}/approve/"
    assert f'href="{approve}"' in page.content.decode()
    assert asks(client_for("leder-dfd").get(approve), "Godkjenn referatet")
    assert client_for("sekretariat").get(approve).status_code == 403
    review_minutes.refresh_from_db()
    assert review_minutes.status == Minutes.Status.REVIEW
    assert MinutesEntry.objects.filter(pk=entry.pk).exists()


def test_removing_a_follow_up_entry_says_its_action_is_cancelled(client_for, review_minutes):
    follow_up = review_minutes.entries.get(kind=MinutesEntry.Kind.FOLLOW_UP)
    conclusion = review_minutes.entries.get(kind=MinutesEntry.Kind.CONCLUSION)
    warning = "Det åpne oppfølgingspunktet blir avlyst"
    secretariat = client_for("sekretariat")
    assert asks(secretariat.get(f"/minutes-entries/{follow_up.pk}/delete/"), warning)
    page = secretariat.get(f"/minutes-entries/{conclusion.pk}/delete/")
    assert asks(page) and warning not in page.content.decode()
    assert FollowUpAction.objects.get(minutes_entry=follow_up).state == FollowUpAction.State.OPEN
