"""Bad input to the change of a person's role and period in a forum, on the page and in the API."""

from types import SimpleNamespace

from django.urls import reverse

from forums.services.forum_admin import forum_member_add
from tests.bad_input import UNKNOWN_PK, Choice, Day, Endpoint, Variant
from tests.forums.bad_input_forum_admin import forum
from tests.forums.conftest import user


def member() -> SimpleNamespace:
    """Strategisk forum's first person, who also holds the role of deputy there."""
    ctx = forum()
    role = "secretary" if ctx.member.role == "deputy" else "deputy"
    ctx.other_role = forum_member_add(
        actor=user("sekretariat"), forum=ctx.forum, user=ctx.member.user, role=role
    ).role
    return ctx


def _rules(ctx) -> list[Variant]:
    return [
        Variant(
            "ends before it starts",
            "valid_to",
            {"valid_from": "2027-03-01", "valid_to": "2027-02-01"},
        ),
        Variant("a role the person holds already", "role", {"role": ctx.other_role}),
    ]


KINDS = {
    "role": Choice(),
    "valid_from": Day(required=False),
    "valid_to": Day(required=False),
}

ENDPOINTS = [
    Endpoint(
        name="forums:forum-member-edit",
        user="sekretariat",
        setup=member,
        url=lambda ctx: reverse("forums:forum-member-edit", args=[ctx.forum.slug, ctx.member.pk]),
        prefix="member",
        valid=lambda ctx: {"role": "chair", "valid_from": "2027-01-01", "valid_to": "2027-12-31"},
        fields=KINDS,
        extra=_rules,
        unknown_urls=lambda ctx: [
            reverse("forums:forum-member-edit", args=[ctx.forum.slug, UNKNOWN_PK]),
            reverse("forums:forum-member-edit", args=["hr-tjenester", ctx.member.pk]),
            reverse("forums:forum-member-edit", args=["no-such-forum", ctx.member.pk]),
        ],
    ),
    Endpoint(
        name="forum-member-detail",
        method="PATCH",
        user="sekretariat",
        setup=member,
        url=lambda ctx: reverse("forum-member-detail", args=[ctx.member.pk]),
        valid=lambda ctx: {"role": "chair", "valid_from": "2027-01-01", "valid_to": None},
        fields={**KINDS, "role": Choice(required=False)},
        extra=_rules,
        partial=True,
        unknown_urls=lambda ctx: [reverse("forum-member-detail", args=[UNKNOWN_PK])],
    ),
]
