"""Bad input to the forum pages and API (meetings, minutes, proposals, delegations) is refused,
translated, and writes nothing."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from forums.models import Forum, Meeting, Proposal
from forums.services.calendar_tokens import calendar_token_get_or_create
from forums.services.delegations import delegation_grant
from forums.services.minutes import (
    minutes_comment,
    minutes_create,
    minutes_entry_add,
    minutes_submit,
)
from forums.services.proposals import (
    position_record,
    proposal_close,
    proposal_create,
    proposal_open,
)
from forums.services.wheel import wheel_materialise
from measures.models import Measure
from portfolio.models import Ministry, UserProfile
from tests.bad_input import (
    PDF,
    UNKNOWN_PK,
    Choice,
    Day,
    Endpoint,
    Flag,
    Moment,
    Number,
    Ref,
    Text,
    Upload,
    Variant,
    check,
)
from tests.forums.bad_input_follow_up import ENDPOINTS as FOLLOW_UP_ENDPOINTS
from tests.forums.bad_input_forum_admin import ENDPOINTS as FORUM_ADMIN_ENDPOINTS
from tests.forums.bad_input_forum_members import ENDPOINTS as FORUM_MEMBER_ENDPOINTS
from tests.forums.conftest import make_deadline_pass, ministry, user

pytestmark = pytest.mark.django_db


def meetings() -> SimpleNamespace:
    """Strategisk forum's meetings of 2027; the first is planned, with its agenda."""
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2027)
    planned = list(forum.meetings.filter(year=2027).order_by("starts_at"))
    meeting = planned[0]
    return SimpleNamespace(
        forum=forum,
        meeting=meeting,
        other=planned[1],
        item=meeting.agenda_items.order_by("number").first(),
        other_item=planned[1].agenda_items.order_by("number").first(),
    )


def forum_page() -> SimpleNamespace:
    """The meetings, and the secretariat has seen the forum page (and got its calendar link)."""
    ctx = meetings()
    calendar_token_get_or_create(user=user("sekretariat"))
    return ctx


def minutes(*, review: bool = False) -> SimpleNamespace:
    """The first meeting held, with draft minutes (or minutes in review with a comment)."""
    ctx = meetings()
    meeting = ctx.meeting
    meeting.starts_at = timezone.now() - datetime.timedelta(days=2)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.status = Meeting.Status.HELD
    meeting.save()
    secretariat = user("sekretariat")
    ctx.minutes = minutes_create(actor=secretariat, meeting=meeting)
    ctx.entry = minutes_entry_add(
        actor=secretariat,
        minutes=ctx.minutes,
        agenda_item=ctx.item,
        kind="conclusion",
        text="Forumet slutter seg til porteføljen.",
    )
    if review:
        minutes_submit(actor=secretariat, minutes=ctx.minutes)
        ctx.comment = minutes_comment(actor=user("leder-fin"), minutes=ctx.minutes, text="Ok?")
    return ctx


def review() -> SimpleNamespace:
    return minutes(review=True)


def proposals() -> SimpleNamespace:
    """A draft, a proposal in consultation, and one that was not endorsed."""
    coordinator = user("koordinator")
    deadline = timezone.now() + datetime.timedelta(days=7)
    draft = proposal_create(actor=coordinator, title="Utkast", text="Tekst.", deadline=deadline)
    consultation = proposal_open(
        actor=coordinator,
        proposal=proposal_create(
            actor=coordinator, title="På høring", text="Tekst.", deadline=deadline
        ),
    )
    refused = proposal_open(
        actor=coordinator,
        proposal=proposal_create(
            actor=coordinator, title="Avvist", text="Tekst.", deadline=deadline
        ),
    )
    position_record(
        actor=user("leder-fin"),
        proposal=refused,
        ministry=ministry("FIN"),
        position="object",
        reason="Nei.",
    )
    make_deadline_pass(refused)
    refused = proposal_close(actor=coordinator, proposal=refused)
    return SimpleNamespace(draft=draft, consultation=consultation, refused=refused)


def objection() -> SimpleNamespace:
    """The proposals above, with FIN objecting to the one in consultation."""
    ctx = proposals()
    position_record(
        actor=user("leder-fin"),
        proposal=ctx.consultation,
        ministry=ministry("FIN"),
        position="object",
        reason="Uklart.",
    )
    return ctx


def delegations() -> SimpleNamespace:
    """A deputy in FIN, with a delegation from FIN's admin head."""
    deputy = get_user_model().objects.create_user("nestleder-fin", password="demo")
    UserProfile.objects.create(user=deputy, ministry=ministry("FIN"))
    today = timezone.localdate()
    delegation = delegation_grant(
        actor=user("leder-fin"),
        ministry=ministry("FIN"),
        delegate=deputy,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
    )
    return SimpleNamespace(deputy=deputy, delegation=delegation, today=today)


def _in_days(days: int, *, moment: bool = False) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day.isoformat()}T10:00" if moment else day.isoformat()


def _pdf():
    return lambda: SimpleUploadedFile("notat.pdf", PDF, "application/pdf")


def _meeting_action(action: str):
    return lambda ctx: reverse("forums:meeting-action", args=[ctx.meeting.pk, action])


def _minutes_action(action: str):
    return lambda ctx: reverse("forums:minutes-action", args=[ctx.minutes.pk, action])


def _no_such_meeting(action: str):
    return lambda ctx: [
        reverse("forums:meeting-action", args=[UNKNOWN_PK, action]),
        reverse("forums:meeting-action", args=[ctx.meeting.pk, "no-such-action"]),
    ]


def _no_such_minutes(action: str):
    return lambda ctx: [
        reverse("forums:minutes-action", args=[UNKNOWN_PK, action]),
        reverse("forums:minutes-action", args=[ctx.minutes.pk, "no-such-action"]),
    ]


def _proposal_url(name: str, attr: str = "consultation", *extra):
    return lambda ctx: reverse(f"proposals:{name}", args=[getattr(ctx, attr).pk, *extra])


def _no_such_proposal(name: str, *extra):
    return lambda ctx: [reverse(f"proposals:{name}", args=[UNKNOWN_PK, *extra])]


def _seatless(ctx) -> Ministry:
    return Ministry.objects.exclude(forum_seats__forum=ctx.forum).order_by("pk").first()


PROPOSAL_KINDS = {
    "title": Text(200),
    "text": Text(20_000),
    "deadline": Moment(),
    "measures": Ref(many=True, required=False),
}
ENTRY_KINDS = {
    "agenda_item": Ref(),
    "kind": Choice(),
    "text": Text(5000),
    "owner_ministry": Ref(required=False),
    "due_date": Day(required=False),
    "proposal": Ref(required=False),
}


def _entry(ctx, *, api: bool) -> dict:
    return {
        "agenda_item": ctx.item.pk,
        "kind": "follow_up_action",
        "text": "Oppdatere statusrapporten.",
        "owner_ministry": "FIN" if api else ministry("FIN").pk,
        "due_date": "2027-03-01",
    }


def _entry_rules(ctx, *, api: bool) -> list[Variant]:
    return [
        Variant("follow-up without an owner", "owner_ministry", {"owner_ministry": None}),
        Variant("follow-up without a due date", "due_date", {"due_date": None}),
        Variant("item of another meeting", "agenda_item", {"agenda_item": ctx.other_item.pk}),
        # Ended at the end of 2021, before the meeting; DSS is an agency, not a ministry.
        *[
            Variant(f"owner {name}", "owner_ministry", {"owner_ministry": owner})
            for name in ("KMD", "DSS")
            for owner in [name if api else ministry(name).pk]
        ],
    ]


def _proposal(ctx, *, api: bool) -> dict:
    return {
        "title": "Felles anskaffelser",
        "text": "Forumet bes gi tilslutning.",
        "deadline": _in_days(10, moment=True),
        "silent_consent": False,
        "measures": ["T7"] if api else [Measure.objects.get(code="T7").pk],
    }


def _past_deadline(ctx) -> list[Variant]:
    return [Variant("deadline passed", "deadline", {"deadline": _in_days(-1, moment=True)})]


PAGES = [
    Endpoint(
        name="forums:forum-materialise",
        user="sekretariat",
        setup=forum_page,
        url=lambda ctx: reverse("forums:forum-materialise", args=[ctx.forum.slug]),
        valid=lambda ctx: {"year": 2028},
        fields={"year": Number()},
        extra=lambda ctx: [Variant(f"year {y}", "year", {"year": y}) for y in (1999, 2101)],
        error_id=lambda ctx, name: "materialise-year",
        unknown_urls=lambda ctx: [reverse("forums:forum-materialise", args=["no-such-forum"])],
    ),
    Endpoint(
        name="forums:meeting-action",
        label="agenda",
        user="sekretariat",
        setup=meetings,
        url=_meeting_action("agenda"),
        prefix="agenda",
        valid=lambda ctx: {"title": "Nytt punkt", "presenter": "DFD", "description": "Om saken."},
        fields={
            "title": Text(200),
            "presenter": Text(200, required=False),
            "description": Text(5000, required=False),
            "measures": Ref(many=True, required=False),
            "proposals": Ref(many=True, required=False),
        },
        unknown_urls=_no_such_meeting("agenda"),
    ),
    Endpoint(
        name="forums:meeting-action",
        label="reschedule",
        user="sekretariat",
        setup=meetings,
        url=_meeting_action("reschedule"),
        prefix="move",
        valid=lambda ctx: {"starts_at": "2027-02-03T10:00", "place": "R5"},
        fields={"starts_at": Moment(), "place": Text(200, required=False)},
        unknown_urls=_no_such_meeting("reschedule"),
    ),
    Endpoint(
        name="forums:meeting-action",
        label="attendance",
        user="sekretariat",
        setup=meetings,
        url=_meeting_action("attendance"),
        prefix="attendance",
        valid=lambda ctx: {
            "ministry": ctx.forum.seats.order_by("pk").first().ministry_id,
            "status": "present",
            "person": "Kari",
        },
        fields={"ministry": Ref(), "status": Choice(), "person": Text(200, required=False)},
        extra=lambda ctx: [
            Variant("ministry without a seat", "ministry", {"ministry": _seatless(ctx).pk})
        ],
        unknown_urls=_no_such_meeting("attendance"),
    ),
    *[
        Endpoint(
            name="forums:meeting-action",
            label=action,
            user="sekretariat",
            setup=minutes if action == "held" else meetings,
            url=_meeting_action(action),
            unknown_urls=_no_such_meeting(action),
            accepted=(302,),
        )
        for action in ("cancel", "held", "start-minutes")
    ],
    Endpoint(
        name="forums:attachment-upload",
        user="sekretariat",
        setup=meetings,
        url=lambda ctx: reverse("forums:attachment-upload", args=[ctx.item.pk]),
        prefix="attachment",
        valid=lambda ctx: {"file": _pdf()},
        fields={"file": Upload()},
        error_id=lambda ctx, name: f"attachment-{ctx.item.pk}",
        unknown_urls=lambda ctx: [reverse("forums:attachment-upload", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="forums:minutes-action",
        label="entry",
        user="sekretariat",
        setup=minutes,
        url=_minutes_action("entry"),
        prefix="entry",
        valid=lambda ctx: _entry(ctx, api=False),
        fields=ENTRY_KINDS,
        extra=lambda ctx: _entry_rules(ctx, api=False),
        unknown_urls=_no_such_minutes("entry"),
    ),
    Endpoint(
        name="forums:minutes-action",
        label="comment",
        user="leder-fin",
        setup=review,
        url=_minutes_action("comment"),
        prefix="comment",
        valid=lambda ctx: {"kind": "change_request", "text": "Punkt 2 må presiseres."},
        fields={"kind": Choice(), "text": Text(5000)},
        unknown_urls=_no_such_minutes("comment"),
    ),
    *[
        Endpoint(
            name="forums:minutes-action",
            label=action,
            user="leder-dfd" if action == "approve" else "sekretariat",
            setup=minutes,
            url=_minutes_action(action),
            unknown_urls=_no_such_minutes(action),
        )
        for action in ("submit", "approve", "correct")
    ],
    Endpoint(
        name="forums:entry-delete",
        user="sekretariat",
        setup=minutes,
        url=lambda ctx: reverse("forums:entry-delete", args=[ctx.entry.pk]),
        unknown_urls=lambda ctx: [reverse("forums:entry-delete", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="forums:answer",
        user="sekretariat",
        setup=review,
        url=lambda ctx: reverse("forums:answer", args=[ctx.comment.pk]),
        prefix="answer",
        valid=lambda ctx: {"answer": "Rettet."},
        fields={"answer": Text(5000)},
        error_id=lambda ctx, name: f"answer-{ctx.comment.pk}",
        unknown_urls=lambda ctx: [reverse("forums:answer", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="proposals:create",
        user="koordinator",
        setup=proposals,
        url=lambda ctx: reverse("proposals:create"),
        valid=lambda ctx: _proposal(ctx, api=False),
        fields={**PROPOSAL_KINDS, "amends": Ref(required=False)},
        extra=lambda ctx: [
            *_past_deadline(ctx),
            Variant("amends a proposal that is not endorsed", "amends", {"amends": ctx.draft.pk}),
        ],
    ),
    Endpoint(
        name="proposals:delegations",
        user="leder-fin",
        setup=delegations,
        url=lambda ctx: reverse("proposals:delegations"),
        valid=lambda ctx: {
            "delegate": ctx.deputy.pk,
            "valid_from": _in_days(10),
            "valid_to": _in_days(20),
        },
        fields={"delegate": Ref(), "valid_from": Day(), "valid_to": Day()},
        extra=lambda ctx: [
            Variant("ends before it starts", "valid_to", {"valid_to": _in_days(5)}),
            Variant(
                "already ended",
                "valid_to",
                {"valid_from": _in_days(-20), "valid_to": _in_days(-10)},
            ),
            Variant("to oneself", "delegate", {"delegate": user("leder-fin").pk}),
            Variant("to another ministry", "delegate", {"delegate": user("leder-kdd").pk}),
        ],
    ),
    Endpoint(
        name="proposals:delegation-revoke",
        user="leder-fin",
        setup=delegations,
        url=lambda ctx: reverse("proposals:delegation-revoke", args=[ctx.delegation.pk]),
        unknown_urls=lambda ctx: [reverse("proposals:delegation-revoke", args=[UNKNOWN_PK])],
    ),
    *[
        Endpoint(
            name=f"proposals:{name}",
            user="koordinator",
            setup=proposals,
            url=_proposal_url(name, "draft" if name == "open" else "consultation"),
            unknown_urls=_no_such_proposal(name),
        )
        for name in ("open", "close", "withdraw")
    ],
    Endpoint(
        name="proposals:revise",
        user="koordinator",
        setup=objection,
        url=_proposal_url("revise"),
        valid=lambda ctx: {
            "title": "På høring (2)",
            "text": "Ny tekst.",
            "answer_fin": "Kostnadene er avklart.",
        },
        fields={
            "title": Text(200),
            "text": Text(20_000),
            "answer_fin": Text(4000, required=False),
        },
        extra=lambda ctx: [
            # Like the API: an answer to a ministry without an objection refuses the revision.
            Variant("answer to a ministry without an objection", None, {"answer_kdd": "Svar."}),
        ],
        unknown_urls=_no_such_proposal("revise"),
    ),
    Endpoint(
        name="proposals:escalate",
        user="koordinator",
        setup=proposals,
        url=_proposal_url("escalate", "refused"),
        valid=lambda ctx: {"level": "secretaries_general", "note": "Løftes."},
        fields={"level": Choice(), "note": Text(4000, required=False)},
        unknown_urls=_no_such_proposal("escalate"),
    ),
    Endpoint(
        name="proposals:advice",
        user="koordinator",
        setup=proposals,
        url=_proposal_url("advice"),
        valid=lambda ctx: {
            "source": f"forum:{Forum.objects.get(slug='digitale-tjenester').pk}",
            "text": "Tjenesteforumet støtter forslaget.",
        },
        fields={"source": Choice(), "text": Text(20_000)},
        extra=lambda ctx: [
            Variant("unknown forum", "source", {"source": f"forum:{UNKNOWN_PK}"}),
            Variant("a forum that decides", "source", {"source": f"forum:{ctx.draft.forum_id}"}),
        ],
        unknown_urls=_no_such_proposal("advice"),
    ),
    Endpoint(
        name="proposals:memo",
        user="koordinator",
        setup=proposals,
        url=_proposal_url("memo"),
        prefix="memo",
        valid=lambda ctx: {"file": _pdf()},
        fields={"file": Upload()},
        error_id=lambda ctx, name: "memo-file",
        unknown_urls=_no_such_proposal("memo"),
    ),
    Endpoint(
        name="proposals:position",
        user="leder-fin",
        setup=proposals,
        url=_proposal_url("position", "consultation", "FIN"),
        prefix="fin",
        valid=lambda ctx: {"position": "endorse", "reason": ""},
        fields={"position": Choice(), "reason": Text(4000, required=False)},
        extra=lambda ctx: [
            Variant("objection without a reason", "reason", {"position": "object", "reason": " "})
        ],
        unknown_urls=lambda ctx: [
            reverse("proposals:position", args=[UNKNOWN_PK, "FIN"]),
            reverse("proposals:position", args=[ctx.consultation.pk, "NOPE"]),
        ],
    ),
    Endpoint(
        name="proposals:objection-withdraw",
        user="leder-fin",
        setup=objection,
        url=_proposal_url("objection-withdraw", "consultation", "FIN"),
        prefix="withdraw-fin",
        valid=lambda ctx: {"explanation": "Avklart i møte."},
        fields={"explanation": Text(4000)},
        unknown_urls=lambda ctx: [
            reverse("proposals:objection-withdraw", args=[UNKNOWN_PK, "FIN"]),
            reverse("proposals:objection-withdraw", args=[ctx.consultation.pk, "NOPE"]),
        ],
    ),
]

API = [
    Endpoint(
        name="minutes-entries",
        user="sekretariat",
        setup=minutes,
        url=lambda ctx: reverse("minutes-entries", args=[ctx.minutes.pk]),
        valid=lambda ctx: _entry(ctx, api=True),
        fields={**ENTRY_KINDS, "owner_ministry": Ref(unknown="NOPE", required=False)},
        extra=lambda ctx: _entry_rules(ctx, api=True),
        unknown_urls=lambda ctx: [reverse("minutes-entries", args=[UNKNOWN_PK])],
    ),
    *[
        Endpoint(
            name=f"minutes-{action}",
            user="leder-dfd" if action == "approve" else "sekretariat",
            setup=minutes,
            url=lambda ctx, action=action: reverse(f"minutes-{action}", args=[ctx.minutes.pk]),
            unknown_urls=lambda ctx, action=action: [
                reverse(f"minutes-{action}", args=[UNKNOWN_PK]),
                reverse(f"minutes-{action}", args=["abc"]),
            ],
            accepted=(200, 201, 409),
        )
        for action in ("submit", "approve", "correct")
    ],
    Endpoint(
        name="minutes-comments",
        user="leder-fin",
        setup=review,
        url=lambda ctx: reverse("minutes-comments", args=[ctx.minutes.pk]),
        valid=lambda ctx: {"text": "Punkt 2 må presiseres.", "kind": "change_request"},
        fields={"text": Text(5000), "kind": Choice(required=False)},
        unknown_urls=lambda ctx: [reverse("minutes-comments", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="minutes-answer",
        user="sekretariat",
        setup=review,
        url=lambda ctx: reverse("minutes-answer", args=[ctx.minutes.pk]),
        valid=lambda ctx: {"comment": ctx.comment.pk, "answer": "Rettet."},
        fields={"comment": Ref(), "answer": Text(5000)},
        unknown_urls=lambda ctx: [reverse("minutes-answer", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="proposal-list",
        user="koordinator",
        setup=proposals,
        url=lambda ctx: reverse("proposal-list"),
        valid=lambda ctx: _proposal(ctx, api=True),
        fields={
            **PROPOSAL_KINDS,
            "measures": Ref(unknown="T99", many=True, required=False),
            "silent_consent": Flag(),
        },
        extra=_past_deadline,
    ),
    *[
        Endpoint(
            name=f"proposal-{action}",
            user="koordinator",
            setup=proposals,
            url=lambda ctx, action=action: reverse(
                f"proposal-{action}",
                args=[(ctx.draft if action == "open" else ctx.consultation).pk],
            ),
            unknown_urls=lambda ctx, action=action: [
                reverse(f"proposal-{action}", args=[UNKNOWN_PK]),
                reverse(f"proposal-{action}", args=["abc"]),
            ],
            accepted=(200, 409),  # closing before the deadline is a wrong state, not a refusal
        )
        for action in ("open", "close", "withdraw")
    ],
    Endpoint(
        name="proposal-revise",
        user="koordinator",
        setup=objection,
        url=lambda ctx: reverse("proposal-revise", args=[ctx.consultation.pk]),
        valid=lambda ctx: {
            "text": "Ny tekst.",
            "title": "Ny tittel",
            "answers": {"FIN": "Kostnadene er avklart."},
        },
        fields={"text": Text(20_000), "title": Text(200, required=False)},
        extra=lambda ctx: [
            Variant(f"answers: {label}", "answers", {"answers": answers})
            for label, answers in [
                ("ministry without an objection", {"KDD": "Svar."}),
                ("blank answer", {"FIN": "   "}),
                ("NUL byte", {"FIN": "Svar \x00"}),
                ("4001 characters", {"FIN": "x" * 4001}),
                ("a list", ["FIN"]),
                ("answer is an object", {"FIN": {"text": "Svar."}}),
            ]
        ],
        unknown_urls=lambda ctx: [reverse("proposal-revise", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="proposal-escalate",
        user="koordinator",
        setup=proposals,
        url=lambda ctx: reverse("proposal-escalate", args=[ctx.refused.pk]),
        valid=lambda ctx: {"level": "secretaries_general", "note": "Løftes."},
        fields={"level": Choice(), "note": Text(4000, required=False)},
        unknown_urls=lambda ctx: [reverse("proposal-escalate", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="proposal-position",
        method="PUT",
        user="leder-fin",
        setup=proposals,
        url=lambda ctx: reverse("proposal-position", args=[ctx.consultation.pk, "FIN"]),
        valid=lambda ctx: {"position": "object", "reason": "Kostnadene er ikke avklart."},
        fields={"position": Choice(), "reason": Text(4000, required=False)},
        extra=lambda ctx: [
            Variant("objection without a reason", "reason", {"position": "object", "reason": ""})
        ],
        unknown_urls=lambda ctx: [
            reverse("proposal-position", args=[UNKNOWN_PK, "FIN"]),
            reverse("proposal-position", args=[ctx.consultation.pk, "NOPE"]),
        ],
    ),
    Endpoint(
        name="proposal-withdraw-objection",
        user="leder-fin",
        setup=objection,
        url=lambda ctx: reverse("proposal-withdraw-objection", args=[ctx.consultation.pk, "FIN"]),
        valid=lambda ctx: {"explanation": "Avklart i møte."},
        fields={"explanation": Text(4000)},
        unknown_urls=lambda ctx: [
            reverse("proposal-withdraw-objection", args=[UNKNOWN_PK, "FIN"]),
            reverse("proposal-withdraw-objection", args=[ctx.consultation.pk, "NOPE"]),
        ],
    ),
]

ENDPOINTS = PAGES + API + FOLLOW_UP_ENDPOINTS + FORUM_ADMIN_ENDPOINTS + FORUM_MEMBER_ENDPOINTS


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, client_for, api_client_for):
    check(endpoint, (api_client_for if endpoint.api else client_for)(endpoint.user))


def test_deadlines_are_in_the_future_and_in_range(demo_users):
    """The proposal services refuse what the pages and the API refuse."""
    from django.core.exceptions import ValidationError

    for deadline in (
        timezone.now() - datetime.timedelta(hours=1),
        timezone.make_aware(datetime.datetime(2101, 1, 1)),
    ):
        with pytest.raises(ValidationError) as refused:
            proposal_create(actor=user("koordinator"), title="T", text="T", deadline=deadline)
        assert "deadline" in refused.value.message_dict
    assert not Proposal.objects.exists()
