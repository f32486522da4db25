"""Who may mark records and who may read a restricted document.

Exempt and partly exempt documents are read in full only by the ministries taking part in the
case (their admin heads and measure leads), the coordinator and the secretariat; everybody
else who may see the journal sees the entry with its screened title. The portal holds no
redacted copy of a partly exempt document, so it is treated as exempt here.
"""

from typing import Any

from django.db.models import F, Q

from forums.models import Access, ForumSeat, Proposal, Record
from portfolio import roles
from portfolio.permissions import (
    has_role,
    is_active_user,
    is_admin_head,
    is_coordinator,
    is_secretariat,
    ministry_of,
)

# The roles that act for their ministry in a case; an observer only reads what is public.
ACTING_ROLES = (roles.ADMIN_HEAD, roles.MEASURE_LEAD)


_active = is_active_user


def can_mark_records(user: Any) -> bool:
    """Only the secretariat and the coordinator set or change an access marking."""
    return is_secretariat(user) or is_coordinator(user)


def user_ministry_id(user: Any) -> int | None:
    ministry = ministry_of(user) if _active(user) else None
    return ministry.pk if ministry else None


def can_request_marking_change(user: Any) -> bool:
    """An admin head of a ministry may ask for a change, with a reason."""
    return is_admin_head(user)


def readable_q(user: Any) -> Q:
    """The records this user may read in full, as a filter on Record."""
    if not _active(user):
        return Q(pk__in=[])
    if can_mark_records(user):
        return Q()
    public = Q(access=Access.PUBLIC)
    ministry_id = user_ministry_id(user)
    if ministry_id is None or not any(has_role(user, role) for role in ACTING_ROLES):
        return public
    seated_forums = ForumSeat.objects.filter(ministry_id=ministry_id).values("forum_id")
    taking_part = Proposal.objects.filter(participants=ministry_id).values("pk")
    return (
        public
        | Q(case__proposal__in=taking_part)
        | Q(case__proposal__participants__isnull=True, case__proposal__forum__in=seated_forums)
        | Q(case__meeting__forum__in=seated_forums)
    )


def can_read_record(user: Any, record: Record | None) -> bool:
    """A document without a record (made before marking existed) counts as public."""
    if record is None or not record.is_restricted:
        return _active(user)
    return Record.objects.filter(readable_q(user), pk=record.pk).exists()


def screened_proposals(user: Any, proposal_ids: list[int]) -> dict[int, str]:
    """Proposals whose current version this user may not read, with the title to show instead."""
    restricted = Record.objects.filter(
        access__in=[Access.EXEMPT, Access.PARTLY_EXEMPT],
        proposal_version__proposal__in=proposal_ids,
        proposal_version__number=F("proposal_version__proposal__version"),
    ).exclude(pk__in=Record.objects.filter(readable_q(user)).values("pk"))
    # A proposal version's record is always in its proposal's case.
    return {
        record.case.proposal_id: record.public_title
        for record in restricted.select_related("case")
        if record.case.proposal_id is not None
    }


def unreadable_version_ids(user: Any, proposal: Proposal) -> set[int]:
    """The proposal's versions that are restricted and that this user may not read."""
    restricted = Record.objects.filter(
        access__in=[Access.EXEMPT, Access.PARTLY_EXEMPT], proposal_version__proposal=proposal
    ).exclude(pk__in=Record.objects.filter(readable_q(user)).values("pk"))
    return set(restricted.values_list("proposal_version_id", flat=True))
