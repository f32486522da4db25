"""Bad input to closing and reopening follow-up actions and to answering for minutes in
review (justering), in the pages and the API."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

from forums.models import FollowUpAction
from forums.services.follow_up import follow_up_action_complete
from forums.services.meetings import attendance_set
from forums.services.minutes import minutes_entry_add, minutes_submit
from tests.bad_input import MISSING, UNKNOWN_PK, Choice, Day, Endpoint, Ref, Text, Variant
from tests.forums.conftest import ministry, user


def open_action() -> SimpleNamespace:
    """Minutes in review with a follow-up action for FIN."""
    from tests.forums.test_bad_input import minutes

    ctx = minutes()
    secretariat = user("sekretariat")
    minutes_entry_add(
        actor=secretariat,
        minutes=ctx.minutes,
        agenda_item=ctx.item,
        kind="follow_up_action",
        text="Oppdatere statusrapporten.",
        owner_ministry=ministry("FIN"),
        due_date=datetime.date(2027, 3, 1),
    )
    minutes_submit(actor=secretariat, minutes=ctx.minutes)
    ctx.action = FollowUpAction.objects.get()
    return ctx


def closed_action() -> SimpleNamespace:
    ctx = open_action()
    follow_up_action_complete(actor=user("leder-fin"), action=ctx.action, account="Gjort.")
    return ctx


def _page(step: str):
    return lambda ctx: reverse("follow_up:action", args=[ctx.action.pk, step])


def _no_such_page(step: str):
    return lambda ctx: [
        reverse("follow_up:action", args=[UNKNOWN_PK, step]),
        reverse("follow_up:action", args=[ctx.action.pk, "no-such-step"]),
    ]


def _api(step: str):
    return lambda ctx: reverse(f"follow-up-action-{step}", args=[ctx.action.pk])


def _no_such_api(step: str):
    return lambda ctx: [reverse(f"follow-up-action-{step}", args=[UNKNOWN_PK])]


CLOSING = {"complete": "account", "cancel": "reason"}


def answering() -> SimpleNamespace:
    """Minutes in review of a meeting FIN attended: FIN's answer is open."""
    from tests.forums.test_bad_input import minutes

    ctx = minutes()
    secretariat = user("sekretariat")
    attendance_set(
        actor=secretariat, meeting=ctx.meeting, ministry=ministry("FIN"), status="present"
    )
    minutes_submit(actor=secretariat, minutes=ctx.minutes)
    return ctx


def _changes_without_comment(ctx) -> list[Variant]:
    return [
        Variant(
            "request_changes without a comment",
            "comment",
            {"decision": "request_changes", "comment": MISSING},
        ),
        Variant(
            "request_changes with a blank comment",
            "comment",
            {"decision": "request_changes", "comment": "  "},
        ),
    ]


ANSWER_KINDS = {"decision": Choice(), "comment": Text(5000, required=False)}

ENDPOINTS = [
    *[
        Endpoint(
            name="follow_up:action",
            label=step,
            user="leder-fin",
            setup=open_action,
            url=_page(step),
            prefix=step,
            valid=lambda ctx, field=field: {field: "Gjort slik det ble bestemt."},
            fields={field: Text(5000)},
            unknown_urls=_no_such_page(step),
        )
        for step, field in CLOSING.items()
    ],
    Endpoint(
        name="follow_up:action",
        label="reopen",
        user="koordinator",
        setup=closed_action,
        url=_page("reopen"),
        unknown_urls=_no_such_page("reopen"),
        # Takes no input.
    ),
    *[
        Endpoint(
            name=f"follow-up-action-{step}",
            user="leder-fin",
            setup=open_action,
            url=_api(step),
            valid=lambda ctx, field=field: {field: "Gjort slik det ble bestemt."},
            fields={field: Text(5000)},
            unknown_urls=_no_such_api(step),
        )
        for step, field in CLOSING.items()
    ],
    Endpoint(
        name="follow-up-action-reopen",
        user="koordinator",
        setup=closed_action,
        url=_api("reopen"),
        unknown_urls=_no_such_api("reopen"),
    ),
    Endpoint(
        name="minutes-approval",
        method="PUT",
        user="leder-fin",
        setup=answering,
        url=lambda ctx: reverse("minutes-approval", args=[ctx.minutes.pk, "FIN"]),
        valid=lambda ctx: {"decision": "approve", "comment": "Godkjent."},
        fields=ANSWER_KINDS,
        extra=_changes_without_comment,
        unknown_urls=lambda ctx: [
            reverse("minutes-approval", args=[UNKNOWN_PK, "FIN"]),
            reverse("minutes-approval", args=[ctx.minutes.pk, "NOPE"]),
        ],
    ),
    Endpoint(
        name="forums:minutes-action",
        label="approval",
        user="leder-fin",
        setup=answering,
        url=lambda ctx: reverse("forums:minutes-action", args=[ctx.minutes.pk, "approval"]),
        prefix="approval",
        valid=lambda ctx: {"decision": "approve", "comment": "Godkjent."},
        fields=ANSWER_KINDS,
        extra=_changes_without_comment,
        unknown_urls=lambda ctx: [
            reverse("forums:minutes-action", args=[UNKNOWN_PK, "approval"]),
        ],
    ),
    Endpoint(
        name="forums:entry-edit",
        user="sekretariat",
        setup=open_action,
        url=lambda ctx: reverse("forums:entry-edit", args=[ctx.action.minutes_entry_id]),
        prefix="edit",
        valid=lambda ctx: {
            "text": "Oppdatere statusrapporten innen mars.",
            "owner_ministry": ministry("KDD").pk,
            "due_date": "2027-03-15",
        },
        fields={"text": Text(5000), "owner_ministry": Ref(), "due_date": Day()},
        extra=lambda ctx: [
            # Ended at the end of 2021, before the meeting: it cannot owe the action.
            Variant(
                "owner ended before the meeting",
                "owner_ministry",
                {"owner_ministry": ministry("KMD").pk},
            )
        ],
        error_id=lambda ctx, field: f"edit-{ctx.action.minutes_entry_id}-{field}",
        unknown_urls=lambda ctx: [reverse("forums:entry-edit", args=[UNKNOWN_PK])],
    ),
    Endpoint(
        name="portfolio:owed-remind",
        user="koordinator",
        setup=open_action,
        url=lambda ctx: reverse("portfolio:owed-remind", args=["FIN"]),
        unknown_urls=lambda ctx: [reverse("portfolio:owed-remind", args=["NOPE"])],
        # Takes no input.
    ),
    Endpoint(
        name="ministry-owed-reminder",
        user="koordinator",
        setup=open_action,
        url=lambda ctx: reverse("ministry-owed-reminder", args=["FIN"]),
        unknown_urls=lambda ctx: [reverse("ministry-owed-reminder", args=["NOPE"])],
        accepted=(201,),
        # Takes no input.
    ),
]
