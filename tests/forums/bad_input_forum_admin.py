"""Bad input to the secretariat's forum pages and API: chair and mandate, seats, people and
the annual wheel."""

from types import SimpleNamespace

from django.urls import reverse

from forums.models import Forum, ForumMembership, ForumSeat, WheelSlot
from tests.bad_input import UNKNOWN_PK, Choice, Day, Endpoint, Number, Ref, Text, Variant
from tests.forums.conftest import ministry, user


def forum() -> SimpleNamespace:
    """Strategisk forum with its wheel, a seat and a person, and a service forum beside it."""
    strategic = Forum.objects.get(slug="strategisk-forum")
    other = Forum.objects.get(slug="hr-tjenester")
    return SimpleNamespace(
        forum=strategic,
        seat=ForumSeat.objects.filter(forum=strategic).order_by("pk").first(),
        member=ForumMembership.objects.filter(forum=strategic).order_by("pk").first(),
        slot=WheelSlot.objects.filter(wheel__forum=strategic).order_by("pk").first(),
        other_seat=ForumSeat.objects.create(forum=other, ministry=ministry("FIN")),
    )


def _manage(action: str):
    return lambda ctx: reverse("forums:forum-manage-action", args=[ctx.forum.slug, action])


def _no_such_manage(action: str):
    return lambda ctx: [
        reverse("forums:forum-manage-action", args=["no-such-forum", action]),
        reverse("forums:forum-manage-action", args=[ctx.forum.slug, "no-such-action"]),
    ]


def _wheel(action: str):
    return lambda ctx: reverse("forums:wheel-action", args=[ctx.forum.slug, action])


SETTINGS_KINDS = {
    "chair_ministry": Ref(required=False),
    "chair_title_nb": Text(200, required=False),
    "chair_title_en": Text(200, required=False),
    "mandate_nb": Text(10_000),
    "mandate_en": Text(10_000, required=False),
}
OFFSET_KINDS = {
    "notice_days": Number(),
    "papers_days": Number(),
    "minutes_days": Number(),
    "review_days": Number(),
}
OFFSETS = {"notice_days": 21, "papers_days": 10, "minutes_days": 10, "review_days": 5}
SLOT_TEXT_KINDS = {
    "title": Text(200),
    "place": Text(200, required=False),
    "video_link": Text(200, required=False),
    "standing_topics": Text(5000, required=False),
}
SLOT_PAGE_KINDS = {
    **SLOT_TEXT_KINDS,
    "month": Choice(),
    "week": Choice(required=False),
    "weekday": Choice(),
    "day": Number(required=False),
    "start_time": Choice(),
    "duration_minutes": Number(),
}
SLOT = {
    "title": "Ekstramøte",
    "month": 3,
    "week": 3,
    "weekday": 1,
    "start_time": "13:00",
    "duration_minutes": 90,
    "place": "R5",
    "standing_topics": "Fellestjenestene",
}


def _slot_rules(ctx) -> list[Variant]:
    return [
        Variant("both a day and a week", "day", {"day": 10}),
        Variant("neither a day nor a week", "day", {"week": None}),
    ]


def _offset_rules(ctx) -> list[Variant]:
    return [Variant("papers before the notice", "papers_days", {"papers_days": 30})]


PAGES = [
    Endpoint(
        name="forums:forum-manage-action",
        label="settings",
        user="sekretariat",
        setup=forum,
        url=_manage("settings"),
        prefix="settings",
        valid=lambda ctx: {
            "chair_ministry": ministry("DFD").pk,
            "chair_title_nb": "Ekspedisjonssjefen",
            "mandate_nb": "Gir råd.",
        },
        fields=SETTINGS_KINDS,
        unknown_urls=_no_such_manage("settings"),
    ),
    Endpoint(
        name="forums:forum-manage-action",
        label="seat",
        user="sekretariat",
        setup=forum,
        url=_manage("seat"),
        prefix="seat",
        valid=lambda ctx: {"ministry": ministry("DSS").pk},
        fields={"ministry": Ref()},
        extra=lambda ctx: [
            Variant("a second seat", "ministry", {"ministry": ctx.seat.ministry_id})
        ],
        unknown_urls=_no_such_manage("seat"),
    ),
    Endpoint(
        name="forums:forum-manage-action",
        label="member",
        user="sekretariat",
        setup=forum,
        url=_manage("member"),
        prefix="member",
        valid=lambda ctx: {"user": user("observator").pk, "role": "member"},
        fields={
            "user": Ref(),
            "role": Choice(),
            "valid_from": Day(required=False),
            "valid_to": Day(required=False),
        },
        extra=lambda ctx: [
            Variant(
                "ends before it starts",
                "valid_to",
                {"valid_from": "2027-03-01", "valid_to": "2027-02-01"},
            ),
            Variant(
                "the same role twice", "user", {"user": ctx.member.user_id, "role": ctx.member.role}
            ),
        ],
        unknown_urls=_no_such_manage("member"),
    ),
    Endpoint(
        name="forums:forum-seat-remove",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forums:forum-seat-remove", args=[ctx.forum.slug, ctx.seat.pk]),
        unknown_urls=lambda ctx: [
            reverse("forums:forum-seat-remove", args=[ctx.forum.slug, UNKNOWN_PK]),
            reverse("forums:forum-seat-remove", args=[ctx.forum.slug, ctx.other_seat.pk]),
        ],
    ),
    Endpoint(
        name="forums:forum-member-remove",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forums:forum-member-remove", args=[ctx.forum.slug, ctx.member.pk]),
        unknown_urls=lambda ctx: [
            reverse("forums:forum-member-remove", args=[ctx.forum.slug, UNKNOWN_PK]),
            reverse("forums:forum-member-remove", args=["hr-tjenester", ctx.member.pk]),
        ],
    ),
    Endpoint(
        name="forums:wheel-action",
        label="settings",
        user="sekretariat",
        setup=forum,
        url=_wheel("settings"),
        prefix="wheel",
        valid=lambda ctx: dict(OFFSETS),
        fields=OFFSET_KINDS,
        extra=_offset_rules,
        unknown_urls=lambda ctx: [
            reverse("forums:wheel-action", args=["no-such-forum", "settings"]),
            reverse("forums:wheel-action", args=[ctx.forum.slug, "no-such-action"]),
        ],
    ),
    Endpoint(
        name="forums:wheel-action",
        label="slot",
        user="sekretariat",
        setup=forum,
        url=_wheel("slot"),
        prefix="slot",
        valid=lambda ctx: dict(SLOT),
        fields=SLOT_PAGE_KINDS,
        extra=_slot_rules,
        unknown_urls=lambda ctx: [reverse("forums:wheel-action", args=["no-such-forum", "slot"])],
    ),
    Endpoint(
        name="forums:wheel-slot-edit",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forums:wheel-slot-edit", args=[ctx.forum.slug, ctx.slot.pk]),
        prefix="slot",
        valid=lambda ctx: dict(SLOT),
        fields=SLOT_PAGE_KINDS,
        extra=_slot_rules,
        unknown_urls=lambda ctx: [
            reverse("forums:wheel-slot-edit", args=[ctx.forum.slug, UNKNOWN_PK]),
            reverse("forums:wheel-slot-edit", args=["hr-tjenester", ctx.slot.pk]),
        ],
    ),
    Endpoint(
        name="forums:wheel-slot-remove",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forums:wheel-slot-remove", args=[ctx.forum.slug, ctx.slot.pk]),
        unknown_urls=lambda ctx: [
            reverse("forums:wheel-slot-remove", args=[ctx.forum.slug, UNKNOWN_PK]),
            reverse("forums:wheel-slot-remove", args=["hr-tjenester", ctx.slot.pk]),
        ],
    ),
]

API_SETTINGS_KINDS = {**SETTINGS_KINDS, "chair_ministry": Ref(unknown="XYZ", required=False)}
SLOT_API_KINDS = {
    **SLOT_TEXT_KINDS,
    "month": Number(),
    "week": Number(required=False),
    "weekday": Choice(required=False),
    "day": Number(required=False),
    "start_time": Choice(required=False),
    "duration_minutes": Number(required=False),
}

API = [
    Endpoint(
        name="forum-detail",
        method="PATCH",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forum-detail", args=[ctx.forum.slug]),
        valid=lambda ctx: {"chair_ministry": "DFD", "mandate_nb": "Gir råd."},
        fields=API_SETTINGS_KINDS,
        unknown_urls=lambda ctx: [reverse("forum-detail", args=["no-such-forum"])],
    ),
    Endpoint(
        name="forum-seat-list",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forum-seat-list"),
        valid=lambda ctx: {"forum": ctx.forum.slug, "ministry": "DSS"},
        fields={"forum": Ref(unknown="no-such-forum"), "ministry": Ref(unknown="XYZ")},
        extra=lambda ctx: [
            Variant("a second seat", "ministry", {"ministry": ctx.seat.ministry.abbreviation})
        ],
    ),
    Endpoint(
        name="forum-seat-detail",
        method="DELETE",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forum-seat-detail", args=[ctx.seat.pk]),
        accepted=(204,),
        unknown_urls=lambda ctx: [reverse("forum-seat-detail", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="forum-member-list",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forum-member-list"),
        valid=lambda ctx: {"forum": ctx.forum.slug, "user": "observator", "role": "deputy"},
        fields={
            "forum": Ref(unknown="no-such-forum"),
            "user": Ref(unknown="no-such-person"),
            "role": Choice(required=False),
            "valid_from": Day(required=False),
            "valid_to": Day(required=False),
        },
        extra=lambda ctx: [
            Variant(
                "ends before it starts",
                "valid_to",
                {"valid_from": "2027-03-01", "valid_to": "2027-02-01"},
            ),
            Variant(
                "the same role twice",
                "user",
                {"user": ctx.member.user.username, "role": ctx.member.role},
            ),
        ],
    ),
    Endpoint(
        name="forum-member-detail",
        method="DELETE",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("forum-member-detail", args=[ctx.member.pk]),
        accepted=(204,),
        unknown_urls=lambda ctx: [reverse("forum-member-detail", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="wheel-detail",
        method="PATCH",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("wheel-detail", args=[ctx.forum.slug]),
        valid=lambda ctx: dict(OFFSETS),
        fields=OFFSET_KINDS,
        extra=_offset_rules,
        unknown_urls=lambda ctx: [reverse("wheel-detail", args=["no-such-forum"])],
    ),
    Endpoint(
        name="wheel-slot-list",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("wheel-slot-list"),
        valid=lambda ctx: {"forum": ctx.forum.slug, **SLOT},
        fields={"forum": Ref(unknown="no-such-forum"), **SLOT_API_KINDS},
        extra=_slot_rules,
    ),
    Endpoint(
        name="wheel-slot-detail",
        method="PATCH",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("wheel-slot-detail", args=[ctx.slot.pk]),
        valid=lambda ctx: {"title": "Vintermøte (flyttet)", "month": 3},
        fields=SLOT_API_KINDS,
        extra=lambda ctx: [Variant("both a day and a week", "day", {"day": 10})],
        unknown_urls=lambda ctx: [reverse("wheel-slot-detail", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="wheel-slot-detail",
        method="DELETE",
        user="sekretariat",
        setup=forum,
        url=lambda ctx: reverse("wheel-slot-detail", args=[ctx.slot.pk]),
        accepted=(204,),
        unknown_urls=lambda ctx: [reverse("wheel-slot-detail", args=[UNKNOWN_PK])],
    ),
]

ENDPOINTS = PAGES + API


def advisory_meeting() -> SimpleNamespace:
    """A held meeting of the service forum Digitale tjenester, and a proposal in consultation."""
    import datetime

    from django.utils import timezone

    from forums.models import Meeting
    from forums.services.proposals import proposal_create, proposal_open

    coordinator = user("koordinator")
    proposal = proposal_open(
        actor=coordinator,
        proposal=proposal_create(
            actor=coordinator,
            title="Felles IKT",
            text="Tekst.",
            deadline=timezone.now() + datetime.timedelta(days=7),
        ),
    )
    starts = timezone.now() - datetime.timedelta(days=2)
    meeting = Meeting.objects.create(
        forum=Forum.objects.get(slug="digitale-tjenester"),
        year=starts.year,
        title="Brukerforum",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    return SimpleNamespace(meeting=meeting, proposal=proposal)


ENDPOINTS.append(
    Endpoint(
        name="forums:meeting-advice",
        user="sekretariat",
        setup=advisory_meeting,
        url=lambda ctx: reverse("forums:meeting-advice", args=[ctx.meeting.pk]),
        prefix="advice",
        valid=lambda ctx: {"proposal": ctx.proposal.pk, "text": "Forumet støtter forslaget."},
        fields={"proposal": Ref(), "text": Text(20_000)},
        unknown_urls=lambda ctx: [reverse("forums:meeting-advice", args=[UNKNOWN_PK])],
    )
)
