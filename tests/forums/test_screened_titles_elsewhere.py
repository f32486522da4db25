"""A restricted proposal's title, screened for who may not read it, in notifications, the
follow-up actions and the minutes.

A notification's text is per recipient: the observer and a ministry that does not take part
get the screened title, in the portal, by e-mail and in the daily digest; the secretariat and a
ministry taking part the real one. The follow-up actions and the minutes' entries name a
proposal by its register number only, so a reader who may not read it finds no title there.
"""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums.models import FollowUpAction, Record
from forums.records_access import proposal_title_per_reader
from forums.services.minutes import minutes_create, minutes_entry_add, minutes_submit
from forums.services.proposal_notices import proposal_deadline_passed_notify
from portfolio.accounts.preferences import notification_preferences_set
from portfolio.models import Notification
from portfolio.notification_digest import notification_digest_send
from portfolio.notifications import notification_send
from tests.forums.conftest import ministry, user
from tests.forums.records_helpers import mark_exempt

pytestmark = pytest.mark.django_db

REAL = "Felles anskaffelsesstrategi 2027"
SCREENED = "Skjermet forhandlingssak"
READERS = [
    ("observator", False),
    ("leder-kdd", False),  # an admin head whose ministry does not take part
    ("sekretariat", True),
    ("leder-fin", True),  # an admin head whose ministry takes part
]


@pytest.fixture
def exempt(consultation):
    """Only FIN takes part; the current version is exempt with a screened title."""
    consultation.participants.set([ministry("FIN")])  # test setup: a narrower consultation
    mark_exempt(
        Record.objects.get(proposal_version__proposal=consultation), screened_title=SCREENED
    )
    return consultation


def _notify(proposal, key: str, kind: str = "proposal_deadline"):
    people = [user(name) for name, _reads in READERS]
    titles = proposal_title_per_reader(people, proposal)
    return notification_send(
        recipients=people,
        key=key,
        kind=kind,
        subject=lambda recipient: f"{proposal.register_number} {titles[recipient.pk]}",
        body=lambda recipient: str(titles[recipient.pk]),
        url=proposal.get_absolute_url(),
    )


def test_a_notification_names_the_title_each_recipient_may_read(exempt):
    _notify(exempt, "test:screened")
    for name, reads in READERS:
        notification = Notification.objects.get(recipient__username=name, key="test:screened")
        assert (REAL in notification.subject + notification.body) is reads, name
        assert (SCREENED in notification.subject + notification.body) is not reads, name


def test_the_email_and_the_digest_carry_the_recipients_own_title(
    exempt, celery_eager, django_capture_on_commit_callbacks
):
    for name, _reads in READERS:
        me = user(name)
        notification_preferences_set(
            actor=me, user=me, deliveries={"proposal_deadline": "email", "objection": "digest"}
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _notify(exempt, "test:email")
        _notify(exempt, "test:digest", kind="objection")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for name, _reads in READERS:
        assert notification_digest_send(recipient_id=user(name).pk, day=tomorrow)
    for name, reads in READERS:
        sent = [m for m in mail.outbox if m.to == [user(name).email]]
        assert len(sent) == 2, name  # the e-mail at once, and the digest
        for message in sent:
            assert (REAL in message.subject + message.body) is reads, name
            assert (SCREENED in message.subject + message.body) is not reads, name


def test_the_titles_per_recipient_take_the_same_queries_for_more_recipients(exempt):
    few = [user("observator"), user("sekretariat")]
    many = [user(name) for name in ("observator", "sekretariat", "leder-kdd", "leder-fin")]
    many += [user(name) for name in ("leder-dfd", "koordinator")]
    counts = []
    for people in (few, many):
        with CaptureQueriesContext(connection) as queries:
            titles = proposal_title_per_reader(people, exempt)
        counts.append(len(queries))
        assert {str(titles[user("observator").pk]), str(titles[user("sekretariat").pk])} == {
            SCREENED,
            REAL,
        }
    assert counts[0] == counts[1]
    with CaptureQueriesContext(connection) as public:
        Record.objects.filter(proposal_version__proposal=exempt).update(access="public")
        titles = proposal_title_per_reader(many, exempt)
    assert set(map(str, titles.values())) == {REAL}
    assert len(public) == 2  # the update, and one question


def test_the_coordinator_is_told_of_a_passed_deadline_with_the_real_title(exempt):
    proposal_deadline_passed_notify(proposal=exempt)
    told = Notification.objects.get(recipient__username="koordinator", key__endswith="passed")
    assert told.body == REAL


@pytest.fixture
def concluded(exempt, held_meeting):
    """The proposal on two agenda items; a conclusion names it, a follow-up action comes from it."""
    secretariat = user("sekretariat")
    items = list(held_meeting.agenda_items.order_by("number"))[:2]
    for item in items:
        item.proposals.add(exempt)
    minutes = minutes_create(actor=secretariat, meeting=held_meeting)
    minutes_entry_add(
        actor=secretariat,
        minutes=minutes,
        agenda_item=items[0],
        kind="conclusion",
        text="Forumet slutter seg til forslaget.",
        proposal=exempt,
    )
    minutes_entry_add(
        actor=secretariat,
        minutes=minutes,
        agenda_item=items[1],
        kind="follow_up_action",
        text="Følge opp vedtaket.",
        owner_ministry=ministry("FIN"),
        due_date=datetime.date(2027, 3, 1),
    )
    minutes_submit(actor=secretariat, minutes=minutes)
    assert FollowUpAction.objects.get(proposal=exempt)
    return exempt, held_meeting


@pytest.mark.parametrize(("who", "reads"), READERS)
def test_follow_up_actions_and_minutes_name_the_proposal_by_its_number(
    client_for, api_client_for, concluded, who, reads
):
    """Only the secretariat's form for a new entry lists the proposals with their titles."""
    proposal, meeting = concluded
    pages = {
        "follow-up list": "/oppfolgingspunkter/?ministry=FIN",
        "follow-up detail": f"/oppfolgingspunkter/{FollowUpAction.objects.get().pk}/",
        "minutes": f"/meetings/{meeting.pk}/minutes/",
    }
    client = client_for(who)
    for name, url in pages.items():
        content = client.get(url).content.decode()
        assert proposal.register_number in content, name
        assert SCREENED not in content, name
        if not reads:
            assert REAL not in content, name
    listed = api_client_for(who).get("/api/v1/follow-up-actions/", {"ministry": "FIN"}).json()
    assert [row["proposal"] for row in listed["results"]] == [proposal.register_number]
    assert REAL not in str(listed)


@pytest.mark.parametrize(("who", "reads"), READERS)
def test_the_advice_on_an_advisory_meetings_page_screens_the_proposal(
    client_for, demo_users, who, reads
):
    from forums.services.meeting_advice import advice_from_meeting
    from tests.forums.bad_input_forum_admin import advisory_meeting

    advisory = advisory_meeting()
    proposal = advisory.proposal
    proposal.participants.set([ministry("FIN")])  # test setup: a narrower consultation
    mark_exempt(Record.objects.get(proposal_version__proposal=proposal), screened_title=SCREENED)
    advice_from_meeting(
        actor=user("sekretariat"), meeting=advisory.meeting, proposal=proposal, text="Støtter."
    )
    page = client_for(who).get(advisory.meeting.get_absolute_url()).content.decode()
    assert "Støtter." in page and proposal.register_number in page
    assert ("Felles IKT" in page) is reads
    assert (SCREENED in page) is not reads
