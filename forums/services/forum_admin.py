"""The secretariat keeps a forum's chair, mandate, ministries and people."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.models import Forum, ForumMembership, ForumSeat
from forums.permissions import can_manage_forums
from forums.services.validation import clean_text
from measures.services.common import snapshot, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.types import User

SETTINGS_FIELDS = ["chair_ministry", "chair_title_nb", "chair_title_en", "mandate_nb", "mandate_en"]
MANDATE_MAX = 10_000
MEMBERSHIP_FIELDS = ["role", "valid_from", "valid_to"]


def _require_manager(actor: User | None) -> None:
    if not can_manage_forums(actor):
        raise PermissionDenied(_("Only the secretariat may change the forums."))


def _locked(forum: Forum) -> Forum:
    return Forum.objects.select_for_update().get(pk=forum.pk)


@records_actor
@transaction.atomic
def forum_settings_save(
    *,
    actor: User,
    forum: Forum,
    chair_ministry: Ministry | None,
    chair_title_nb: str = "",
    chair_title_en: str = "",
    mandate_nb: str,
    mandate_en: str = "",
) -> Forum:
    """Set who chairs the forum (a ministry and the post that chairs) and its mandate."""
    _require_manager(actor)
    forum = _locked(forum)
    before = snapshot(forum, SETTINGS_FIELDS)
    forum.chair_ministry = chair_ministry
    forum.chair_title_nb = clean_text(
        chair_title_nb, field="chair_title_nb", max_length=200, required=False
    )
    forum.chair_title_en = clean_text(
        chair_title_en, field="chair_title_en", max_length=200, required=False
    )
    # The mandate is what the forum is for; it may be rewritten, never blanked by mistake.
    forum.mandate_nb = clean_text(mandate_nb, field="mandate_nb", max_length=MANDATE_MAX)
    forum.mandate_en = clean_text(
        mandate_en, field="mandate_en", max_length=MANDATE_MAX, required=False
    )
    validated_save(forum)
    audit_record(
        actor=actor,
        kind="forum.settings_changed",
        target=forum,
        before=before,
        after=snapshot(forum, SETTINGS_FIELDS),
    )
    return forum


@records_actor
@transaction.atomic
def forum_seat_add(*, actor: User, forum: Forum, ministry: Ministry) -> ForumSeat:
    """Give a ministry a seat in the forum."""
    _require_manager(actor)
    forum = _locked(forum)
    if ForumSeat.objects.filter(forum=forum, ministry=ministry).exists():
        raise ValidationError({"ministry": _("The ministry already has a seat in the forum.")})
    seat = ForumSeat.objects.create(forum=forum, ministry=ministry)
    audit_record(
        actor=actor,
        kind="forum.seat_added",
        target=forum,
        ministry=ministry,
        after={"ministry": ministry.abbreviation},
    )
    return seat


@records_actor
@transaction.atomic
def forum_seat_remove(*, actor: User, seat: ForumSeat) -> None:
    """Take a ministry's seat away; the people it had named in the forum stay until removed."""
    _require_manager(actor)
    forum = _locked(seat.forum)
    seat = ForumSeat.objects.select_related("ministry").get(pk=seat.pk, forum=forum)
    ministry = seat.ministry
    seat.delete()
    audit_record(
        actor=actor,
        kind="forum.seat_removed",
        target=forum,
        ministry=ministry,
        before={"ministry": ministry.abbreviation},
    )


def _ministry_of(user: Any) -> Ministry | None:
    profile = getattr(user, "profile", None)
    return profile.ministry if profile is not None else None


def _check_role(
    *,
    forum: Forum,
    user: Any,
    role: str,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
    membership: ForumMembership | None = None,
) -> None:
    if role not in ForumMembership.Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date must not be before the start date.")})
    holders = ForumMembership.objects.filter(forum=forum, user=user, role=role)
    if membership is not None:
        holders = holders.exclude(pk=membership.pk)
    if holders.exists():
        # A change keeps the person: the role is what is wrong.
        field = "user" if membership is None else "role"
        raise ValidationError({field: _("The person already has this role in the forum.")})


@records_actor
@transaction.atomic
def forum_member_add(
    *,
    actor: User,
    forum: Forum,
    user: Any,
    role: str = ForumMembership.Role.MEMBER,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> ForumMembership:
    """Name a person in the forum, for their own ministry, as chair, member, deputy or secretary."""
    _require_manager(actor)
    forum = _locked(forum)
    ministry = _ministry_of(user)
    if ministry is None or not user.is_active:
        raise ValidationError({"user": _("The person has no ministry in the portal.")})
    _check_role(forum=forum, user=user, role=role, valid_from=valid_from, valid_to=valid_to)
    membership = ForumMembership(
        forum=forum,
        user=user,
        ministry=ministry,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    validated_save(membership)
    audit_record(
        actor=actor,
        kind="forum.member_added",
        target=forum,
        ministry=ministry,
        after={"user": user.get_username(), "role": role},
    )
    return membership


@records_actor
@transaction.atomic
def forum_member_remove(*, actor: User, membership: ForumMembership) -> None:
    """Take a person's role in the forum away (the history keeps that they held it)."""
    _require_manager(actor)
    forum = _locked(membership.forum)
    membership = ForumMembership.objects.select_related("user", "ministry").get(
        pk=membership.pk, forum=forum
    )
    before = {"user": membership.user.get_username(), "role": membership.role}
    ministry = membership.ministry
    membership.delete()
    audit_record(
        actor=actor, kind="forum.member_removed", target=forum, ministry=ministry, before=before
    )


@records_actor
@transaction.atomic
def forum_member_change(
    *,
    actor: User,
    membership: ForumMembership,
    role: str,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> ForumMembership:
    """Change the role a person holds in the forum, or the days they hold it."""
    _require_manager(actor)
    forum = _locked(membership.forum)
    membership = ForumMembership.objects.select_related("user", "ministry").get(
        pk=membership.pk, forum=forum
    )
    _check_role(
        forum=forum,
        user=membership.user,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
        membership=membership,
    )
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership.role, membership.valid_from, membership.valid_to = role, valid_from, valid_to
    validated_save(membership)
    audit_record(
        actor=actor,
        kind="forum.member_changed",
        target=forum,
        ministry=membership.ministry,
        before={"user": membership.user.get_username(), **before},
        after={"user": membership.user.get_username(), **snapshot(membership, MEMBERSHIP_FIELDS)},
    )
    return membership
