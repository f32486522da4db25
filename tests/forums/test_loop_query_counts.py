"""The follow-up actions list (page and API) and the minutes page run the same number of
queries with a few rows as with many: each kind of row is read once, whatever the volume."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums.models import FollowUpAction, Forum, MinutesApproval, MinutesEntry, ReviewComment
from forums.services.meetings import attendance_set
from forums.services.minutes import minutes_submit
from forums.services.proposals import proposal_create
from measures.models import Measure
from portfolio.models import Ministry
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _proposal(number: int, forum: Forum):
    return proposal_create(
        actor=user("koordinator"),
        title=f"Sak {number}",
        text="Tekst.",
        deadline=timezone.now() + datetime.timedelta(days=7),
        forum=forum,
    )


def _actions(entry: MinutesEntry, count: int, start: int) -> None:
    """Actions owned by different ministries, from different proposals, forums and measures."""
    owners = list(Ministry.objects.owners().order_by("abbreviation"))
    forums = list(Forum.objects.filter(advisory_only=False).order_by("pk"))
    measures = list(Measure.objects.order_by("pk"))
    for number in range(start, start + count):
        FollowUpAction.objects.create(
            owner_ministry=owners[number % len(owners)],
            due_date=timezone.localdate() + datetime.timedelta(days=number - 10),
            text=f"Punkt {number}",
            minutes_entry=entry,
            proposal=_proposal(number, forums[number % len(forums)]),
            measure=measures[number % len(measures)],
        )


@pytest.mark.parametrize(
    "url",
    [
        "/oppfolgingspunkter/?ministry=",
        "/oppfolgingspunkter/?ministry=&state=open",
        "/api/v1/follow-up-actions/",
        "/api/v1/follow-up-actions/?overdue=true",
    ],
)
def test_the_follow_up_action_list_is_flat(review_minutes, client_for, api_client_for, url):
    client = api_client_for("observator") if url.startswith("/api/") else client_for("observator")
    entry = review_minutes.entries.get(kind="follow_up_action")
    _actions(entry, 2, start=0)
    few = _count(client, url)
    _actions(entry, 30, start=2)
    assert FollowUpAction.objects.count() > 30
    assert _count(client, url) == few


def _grow_minutes(minutes, *, count: int, start: int) -> None:
    """More entries on every agenda item (conclusions naming proposals, follow-up actions with
    their owners) and more comments, some of them answered."""
    items = list(minutes.meeting.agenda_items.order_by("number"))
    owners = list(Ministry.objects.owners().order_by("abbreviation"))
    forum = minutes.meeting.forum
    for number in range(start, start + count):
        item = items[number % len(items)]
        MinutesEntry.objects.create(
            minutes=minutes,
            agenda_item=item,
            kind="conclusion",
            text=f"Konklusjon {number}",
            proposal=_proposal(number, forum),
        )
        MinutesEntry.objects.create(
            minutes=minutes,
            agenda_item=item,
            kind="follow_up_action",
            text=f"Oppfølging {number}",
            owner_ministry=owners[number % len(owners)],
            due_date=datetime.date(2027, 3, 1),
        )
        ReviewComment.objects.create(
            minutes=minutes,
            ministry=owners[number % len(owners)],
            author=user("leder-fin"),
            kind="change_request",
            text=f"Endring {number}",
            **(
                {
                    "answer": "Rettet.",
                    "resolution": "accepted",
                    "answered_by": user("sekretariat"),
                    "answered_at": timezone.now(),
                }
                if number % 2
                else {}
            ),
        )


@pytest.mark.parametrize("who", ["sekretariat", "leder-fin", "observator"])
def test_the_minutes_page_is_flat(draft_minutes, held_meeting, client_for, who):
    secretariat = user("sekretariat")
    for abbreviation in ("FIN", "KDD"):
        attendance_set(
            actor=secretariat,
            meeting=held_meeting,
            ministry=Ministry.objects.get(abbreviation=abbreviation),
            status="present",
        )
    minutes = minutes_submit(actor=secretariat, minutes=draft_minutes)
    client = client_for(who)
    url = reverse("forums:minutes", args=[held_meeting.pk])
    _grow_minutes(minutes, count=1, start=0)
    few = _count(client, url)
    _grow_minutes(minutes, count=25, start=1)
    # Many more ministries answering, too.
    for ministry in Ministry.objects.owners().exclude(abbreviation__in=["FIN", "KDD"]):
        MinutesApproval.objects.create(minutes=minutes, ministry=ministry)
    assert minutes.entries.count() > 50
    assert _count(client, url) == few
