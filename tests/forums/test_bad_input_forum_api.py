"""Bad input to the API of meetings, agenda items, attendance, delegations and advice (on a
proposal, and from a meeting) is refused, translated, and writes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.models import Meeting
from tests.bad_input import (
    UNKNOWN_PK,
    Choice,
    Day,
    Endpoint,
    Moment,
    Number,
    Ref,
    Text,
    Upload,
    Variant,
    check,
)
from tests.forums.bad_input_forum_admin import advisory_meeting
from tests.forums.test_bad_input import (
    _in_days,
    _pdf,
    delegations,
    meetings,
    minutes,
    proposals,
)

pytestmark = pytest.mark.django_db


def held() -> object:
    """The meetings of 2027; the first is marked held (its attendance is recorded)."""
    ctx = meetings()
    Meeting.objects.filter(pk=ctx.meeting.pk).update(status=Meeting.Status.HELD)
    return ctx


def cancelled() -> object:
    """The meetings of 2027; the first is cancelled."""
    ctx = meetings()
    Meeting.objects.filter(pk=ctx.meeting.pk).update(status=Meeting.Status.CANCELLED)
    return ctx


def started() -> object:
    """The meetings of 2027; the first has started (and is still planned)."""
    ctx = meetings()
    Meeting.objects.filter(pk=ctx.meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    return ctx


def _meeting_action(name: str, setup) -> Endpoint:
    return Endpoint(
        name=name,
        user="sekretariat",
        setup=setup,
        url=lambda ctx: reverse(name, args=[ctx.meeting.pk]),
        unknown_urls=lambda ctx: [reverse(name, args=[UNKNOWN_PK]), reverse(name, args=["abc"])],
        # Takes no input: changes the meeting in the path.
    )


def _entry_url(ctx) -> str:
    return reverse("minutes-entry", args=[ctx.minutes.pk, ctx.entry.pk])


def _no_such_entry(ctx) -> list[str]:
    return [
        reverse("minutes-entry", args=[ctx.minutes.pk, UNKNOWN_PK]),
        reverse("minutes-entry", args=[UNKNOWN_PK, ctx.entry.pk]),
    ]


def _advice_url(ctx) -> str:
    return reverse("proposal-advice", args=[ctx.consultation.pk])


ENDPOINTS = [
    Endpoint(
        name="agenda-item-attachments",
        user="sekretariat",
        setup=meetings,
        url=lambda ctx: reverse("agenda-item-attachments", args=[ctx.item.pk]),
        valid=lambda ctx: {"file": _pdf()},
        fields={"file": Upload()},
        unknown_urls=lambda ctx: [reverse("agenda-item-attachments", args=[UNKNOWN_PK])],
        accepted=(201,),
    ),
    Endpoint(
        name="proposal-memo",
        user="koordinator",
        setup=proposals,
        url=lambda ctx: reverse("proposal-memo", args=[ctx.consultation.pk]),
        valid=lambda ctx: {"file": _pdf()},
        fields={"file": Upload()},
        unknown_urls=lambda ctx: [reverse("proposal-memo", args=[UNKNOWN_PK])],
        accepted=(201,),
    ),
    Endpoint(
        name="forum-materialise",
        user="sekretariat",
        setup=meetings,
        url=lambda ctx: reverse("forum-materialise", args=[ctx.forum.slug]),
        valid=lambda ctx: {"year": 2028},
        fields={"year": Number()},
        extra=lambda ctx: [Variant(f"year {y}", "year", {"year": y}) for y in (1999, 2101)],
        unknown_urls=lambda ctx: [reverse("forum-materialise", args=["no-such-forum"])],
    ),
    Endpoint(
        name="meeting-reschedule",
        user="sekretariat",
        setup=meetings,
        url=lambda ctx: reverse("meeting-reschedule", args=[ctx.meeting.pk]),
        valid=lambda ctx: {"starts_at": "2027-02-03T10:00", "place": "R5"},
        fields={
            "starts_at": Moment(),
            "ends_at": Moment(required=False),
            "place": Text(200, required=False),
        },
        extra=lambda ctx: [
            Variant("ends before it starts", "ends_at", {"ends_at": "2027-02-03T09:00"})
        ],
        unknown_urls=lambda ctx: [reverse("meeting-reschedule", args=[UNKNOWN_PK])],
    ),
    _meeting_action("meeting-cancel", meetings),
    _meeting_action("meeting-reinstate", cancelled),
    _meeting_action("meeting-mark-held", started),
    Endpoint(
        name="minutes-list",
        user="sekretariat",
        setup=meetings,
        url=lambda ctx: reverse("minutes-list"),
        valid=lambda ctx: {"meeting": ctx.meeting.pk},
        fields={"meeting": Ref()},
        accepted=(201,),
    ),
    Endpoint(
        name="minutes-entry",
        method="PATCH",
        user="sekretariat",
        setup=minutes,
        url=_entry_url,
        valid=lambda ctx: {"text": "Forumet slutter seg til porteføljen, med én endring."},
        fields={
            "text": Text(5000),
            "owner_ministry": Ref(unknown="NOPE", required=False),
            "due_date": Day(required=False),
        },
        unknown_urls=_no_such_entry,
    ),
    Endpoint(
        name="minutes-entry",
        method="DELETE",
        user="sekretariat",
        setup=minutes,
        url=_entry_url,
        unknown_urls=_no_such_entry,
        # Takes no input: removes the entry in the path.
    ),
    Endpoint(
        name="agenda-item-list",
        user="sekretariat",
        setup=meetings,
        url=lambda ctx: reverse("agenda-item-list"),
        valid=lambda ctx: {
            "meeting": ctx.other.pk,
            "title": "Porteføljen 2028",
            "presenter": "KDD",
            "description": "Til drøfting.",
            "measures": ["T5"],
        },
        fields={
            "meeting": Ref(),
            "title": Text(200),
            "presenter": Text(200, required=False),
            "description": Text(5000, required=False),
            "measures": Ref(unknown="T99", many=True, required=False),
            "proposals": Ref(many=True, required=False),
        },
    ),
    Endpoint(
        name="attendance-list",
        user="sekretariat",
        setup=held,
        url=lambda ctx: reverse("attendance-list"),
        valid=lambda ctx: {
            "meeting": ctx.meeting.pk,
            "ministry": "FIN",
            "status": "deputy",
            "person": "Kari",
        },
        fields={
            "meeting": Ref(),
            "ministry": Ref(unknown="NOPE"),
            "status": Choice(),
            "person": Text(200, required=False),
        },
        extra=lambda ctx: [Variant("a ministry without a seat", "ministry", {"ministry": "DSS"})],
    ),
    Endpoint(
        name="delegation-list",
        user="leder-fin",
        setup=delegations,
        url=lambda ctx: reverse("delegation-list"),
        valid=lambda ctx: {
            "ministry": "FIN",
            "delegate": ctx.deputy.username,
            "valid_from": _in_days(10),
            "valid_to": _in_days(20),
        },
        fields={
            "ministry": Ref(unknown="NOPE"),
            "delegate": Ref(unknown="nobody"),
            "valid_from": Day(),
            "valid_to": Day(),
        },
        extra=lambda ctx: [
            Variant("ends before it starts", "valid_to", {"valid_to": _in_days(5)}),
            Variant(
                "already ended",
                "valid_to",
                {"valid_from": _in_days(-10), "valid_to": _in_days(-1)},
            ),
            Variant("to oneself", "delegate", {"delegate": "leder-fin"}),
            Variant("another ministry's person", "delegate", {"delegate": "leder-kdd"}),
        ],
    ),
    Endpoint(
        name="delegation-revoke",
        user="leder-fin",
        setup=delegations,
        url=lambda ctx: reverse("delegation-revoke", args=[ctx.delegation.pk]),
        unknown_urls=lambda ctx: [reverse("delegation-revoke", args=[UNKNOWN_PK])],
        # Takes no input: revokes the delegation in the path.
    ),
    Endpoint(
        name="proposal-advice",
        user="koordinator",
        setup=proposals,
        url=_advice_url,
        valid=lambda ctx: {"forum": "digitale-tjenester", "text": "Tjenesteforumet støtter."},
        fields={
            "forum": Ref(unknown="no-such-forum", required=False),
            "core_group": Ref(unknown="KG99", required=False),
            "text": Text(20_000),
        },
        extra=lambda ctx: [
            Variant("neither a forum nor a core group", "source", {"forum": None}),
            Variant("both a forum and a core group", "source", {"core_group": "KG1"}),
            Variant("a forum that decides", "source", {"forum": "strategisk-forum"}),
        ],
        unknown_urls=lambda ctx: [reverse("proposal-advice", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="meeting-advice",
        user="sekretariat",
        setup=advisory_meeting,
        url=lambda ctx: reverse("meeting-advice", args=[ctx.meeting.pk]),
        valid=lambda ctx: {"proposal": ctx.proposal.pk, "text": "Forumet støtter forslaget."},
        fields={"proposal": Ref(), "text": Text(20_000)},
        accepted=(201,),
        unknown_urls=lambda ctx: [reverse("meeting-advice", args=[UNKNOWN_PK])],
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, api_client_for):
    check(endpoint, api_client_for(endpoint.user))
