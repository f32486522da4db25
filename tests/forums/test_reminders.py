import datetime

import pytest
from django.core import mail
from django.utils import timezone

from forums.models import Meeting
from forums.services.meetings import meeting_recipients
from forums.tasks import meeting_minutes_remind, meeting_notices_send, meeting_papers_remind
from portfolio.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def _soon(meeting: Meeting, days: int) -> Meeting:
    meeting.starts_at = timezone.now() + datetime.timedelta(days=days)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.save()
    return meeting


def test_notices_twice_send_one_email_per_recipient(
    meetings_2027, django_capture_on_commit_callbacks
):
    meeting = _soon(meetings_2027[0], 10)  # inside the 14-day notice period
    _soon(meetings_2027[1], 40)  # not yet
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            meeting_notices_send.apply()
    recipients = meeting_recipients(meeting)
    assert len(recipients) > 5
    assert len(mail.outbox) == len(recipients)
    assert len({message.to[0] for message in mail.outbox}) == len(recipients)
    assert Notification.objects.filter(key=f"meeting:{meeting.pk}:notice").count() == len(
        recipients
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTICE_SENT
    assert Meeting.objects.get(pk=meetings_2027[1].pk).status == Meeting.Status.PLANNED


def test_the_notice_is_in_the_recipients_language(
    meetings_2027, django_capture_on_commit_callbacks
):
    meeting = _soon(meetings_2027[0], 3)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_notices_send.apply()
    subject = Notification.objects.get(
        key=f"meeting:{meeting.pk}:notice", recipient__username="leder-fin"
    ).subject
    assert subject.startswith("Innkalling: Vintermøte")


def test_a_cancelled_meeting_gets_no_notice(meetings_2027):
    meeting = _soon(meetings_2027[0], 3)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    meeting_notices_send.apply()
    assert not Notification.objects.filter(key__startswith=f"meeting:{meeting.pk}:").exists()


def test_papers_reminder_once(meetings_2027, django_capture_on_commit_callbacks):
    meeting = _soon(meetings_2027[0], 8)  # papers due in 1 day
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            meeting_papers_remind.apply()
    sent = Notification.objects.filter(key=f"meeting:{meeting.pk}:papers")
    assert sent.count() == len(meeting_recipients(meeting))
    assert len(mail.outbox) == sent.count()


def test_minutes_reminder_goes_to_the_secretariat_once(meetings_2027):
    meeting = _soon(meetings_2027[0], -20)  # held 20 days ago, minutes due after 14
    for _ in range(2):
        meeting_minutes_remind.apply()
    sent = Notification.objects.filter(key=f"meeting:{meeting.pk}:minutes-due")
    assert list(sent.values_list("recipient__username", flat=True)) == ["sekretariat"]
