import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import ModelEntry

from forums.models import AgendaItem, AnnualWheel, Meeting, WheelSlot
from forums.services.wheel import wheel_materialise, wheel_seed_demo
from forums.tasks import wheel_materialise as wheel_materialise_task

pytestmark = pytest.mark.django_db


def test_the_demo_wheel_has_five_illustrative_meetings(forum):
    wheel = forum.wheel
    assert wheel.illustrative is True
    assert wheel.slots.count() == 5
    assert (wheel.notice_days, wheel.papers_days, wheel.minutes_days) == (14, 7, 14)


def test_seeding_the_demo_wheel_twice_keeps_one_wheel(forum):
    wheel_seed_demo(forum=forum)
    assert AnnualWheel.objects.filter(forum=forum).count() == 1
    assert WheelSlot.objects.filter(wheel__forum=forum).count() == 5


@pytest.mark.parametrize(
    ("month", "week", "day", "expected"),
    [
        (2, 2, None, datetime.date(2027, 2, 9)),  # second Tuesday
        (11, 5, None, datetime.date(2027, 11, 30)),  # last Tuesday
        (2, None, 31, datetime.date(2027, 2, 28)),  # clipped to the month
    ],
)
def test_slot_dates(forum, month, week, day, expected):
    slot = WheelSlot(wheel=forum.wheel, title="x", month=month, week=week, day=day, weekday=1)
    assert slot.date_in(2027) == expected


def test_materialising_twice_gives_the_same_meetings(forum):
    first = wheel_materialise(actor=None, forum=forum, year=2027)
    again = wheel_materialise(actor=None, forum=forum, year=2027)
    assert len(first) == 5
    assert again == []
    meetings = Meeting.objects.filter(forum=forum, year=2027)
    assert sorted(m.pk for m in meetings) == sorted(m.pk for m in first)
    start = timezone.localtime(meetings.first().starts_at)
    assert (start.date(), start.hour) == (datetime.date(2027, 2, 9), 9)


def test_standing_topics_become_numbered_agenda_items(meetings_2027):
    labels = [item.label for item in AgendaItem.objects.filter(year=2027).order_by("number")]
    assert labels[:3] == ["sak 1/27", "sak 2/27", "sak 3/27"]
    assert list(meetings_2027[0].agenda_items.values_list("title", flat=True)) == [
        "Porteføljegjennomgang",
        "Status for tiltakene",
    ]


def test_a_moved_meeting_stays_moved_when_the_wheel_runs_again(forum, meetings_2027, demo_users):
    from django.contrib.auth import get_user_model

    from forums.services.meetings import meeting_cancel

    secretariat = get_user_model().objects.get(username="sekretariat")
    meeting_cancel(actor=secretariat, meeting=meetings_2027[0])
    wheel_materialise(actor=None, forum=forum, year=2027)
    assert Meeting.objects.get(pk=meetings_2027[0].pk).status == Meeting.Status.CANCELLED
    assert forum.wheel.slots.count() == 5  # the template is untouched
    assert Meeting.objects.filter(forum=forum, year=2027).count() == 5


def test_the_command_runs_the_same_service(forum, capsys):
    call_command("materialise_wheel", "--forum", "strategisk-forum", "--year", "2027")
    call_command("materialise_wheel", "--forum", "strategisk-forum", "--year", "2027")
    assert Meeting.objects.filter(forum=forum, year=2027).count() == 5
    assert "0 meetings created; 5 from the wheel in 2027" in capsys.readouterr().out


def test_the_task_fills_in_the_coming_year_and_is_idempotent(forum):
    wheel_materialise_task.apply()
    count = Meeting.objects.filter(forum=forum).count()
    wheel_materialise_task.apply()
    assert Meeting.objects.filter(forum=forum).count() == count
    next_year = timezone.localdate().year + 1
    assert Meeting.objects.filter(forum=forum, year=next_year).count() == 5
    past = Meeting.objects.filter(forum=forum, starts_at__lt=timezone.now())
    assert not past.exists()


def test_only_the_secretariat_or_coordinator_materialise(forum):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    users = get_user_model().objects
    with pytest.raises(PermissionDenied):
        wheel_materialise(actor=users.get(username="leder-fin"), forum=forum, year=2028)
    made = wheel_materialise(actor=users.get(username="koordinator"), forum=forum, year=2028)
    assert len(made) == 5


def test_every_beat_entry_is_stored_with_an_expiry(db, settings):
    from strategyportal.celery import app

    # What DatabaseScheduler.setup_schedule does per entry, without closing the connection.
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        ModelEntry.from_entry(name, app=app, **entry)
    names = set(settings.CELERY_BEAT_SCHEDULE)
    assert {
        "forums.wheel-materialise",
        "forums.meeting-notices",
        "forums.meeting-papers-reminders",
        "forums.meeting-minutes-reminders",
    } <= names
    for task in PeriodicTask.objects.filter(name__in=names):
        assert task.expire_seconds, task.name
