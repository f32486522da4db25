"""Who may mark records and who may read a restricted document.

Exempt and partly exempt documents are read in full only by the ministries taking part in the
case (their admin heads and measure leads), the coordinator and the secretariat; everybody
else who may see the journal sees the entry with its screened title. The portal holds no
redacted copy of a partly exempt document, so it is treated as exempt here.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Value

from forums.models import Access, Attachment, ForumSeat, Proposal, Record
from forums.models.records import RESTRICTED, SCREENED
from portfolio import roles
from portfolio.permissions import (
    has_role,
    is_active_user,
    is_admin_head,
    is_coordinator,
    is_secretariat,
    ministry_of,
    users_asked_about,
)
from portfolio.types import Text

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


def reference_ministry_id(user: Any) -> int | None:
    """The ministry whose own reference this user records: an admin head's own, else none."""
    return user_ministry_id(user) if is_admin_head(user) else None


def can_set_ministry_reference(user: Any, ministry_id: int) -> bool:
    """Only an admin head of the ministry records the ministry's own case or document number."""
    return reference_ministry_id(user) == ministry_id


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


def _readable_exists(user: Any) -> Exists:
    # Asked per restricted record of one case, not by building the set of every readable one.
    return Exists(Record.objects.filter(readable_q(user), pk=OuterRef("pk")))


def can_read_record(user: Any, record: Record | None) -> bool:
    """A document without a record (made before marking existed) counts as public."""
    if record is None or not record.is_restricted:
        return _active(user)
    return Record.objects.filter(readable_q(user), pk=record.pk).exists()


def screened_proposals(user: Any, proposal_ids: list[int]) -> dict[int, str]:
    """Proposals whose current version this user may not read, with the title to show instead."""
    return _screened(user, proposal_ids=proposal_ids)[0]


def _screened(
    user: Any, *, proposal_ids: Iterable[int] = (), attachment_ids: Iterable[int] = ()
) -> tuple[dict[int, str], dict[int, str]]:
    """(proposal id → title, attachment id → title) of what this user may not read.

    Two small queries (none for who reads everything): the restricted records among these
    documents, and which of them the user may read. In one query PostgreSQL works out
    readability for every record of the journal before it joins, a cost that grows with it."""
    proposal_ids, attachment_ids = list(proposal_ids), list(attachment_ids)
    may_read = readable_q(user)
    if not (proposal_ids or attachment_ids) or not may_read:  # an empty Q: reads everything
        return {}, {}
    current_version = Q(
        proposal_version__proposal__in=proposal_ids,
        proposal_version__number=F("proposal_version__proposal__version"),
    )
    records = Record.objects.filter(access__in=RESTRICTED).filter(
        current_version | Q(attachment__in=attachment_ids)
    )
    restricted = list(
        records.values_list(
            "pk", "proposal_version__proposal_id", "attachment_id", "screened_title"
        )
    )
    # Asked even when none is restricted, so that the number of queries does not depend on
    # the data; by their ids when there are some (PostgreSQL plans that best).
    among: Any = [row[0] for row in restricted] or records.order_by().values("pk")
    readable = set(
        Record.objects.filter(may_read, pk__in=among).order_by().values_list("pk", flat=True)
    )
    proposals: dict[int, str] = {}
    attachments: dict[int, str] = {}
    for pk, proposal_id, attachment_id, screened_title in restricted:
        if pk in readable:
            continue
        title = screened_title or str(SCREENED)
        if attachment_id is not None:
            attachments[attachment_id] = title
        elif proposal_id is not None:
            proposals[proposal_id] = title
    return proposals, attachments


def screen_titles(user: Any, objects: Iterable[Proposal | Attachment]) -> set[Any]:
    """Replace, for showing only, the title of every document this user may not read.

    The one place a page or the API screens a title: a proposal whose current version is
    exempt shows its screened title and no text, a memo or meeting paper its screened title
    instead of its file name. The objects are changed in memory, never saved; each gets
    `screened` (True or False). Returns the screened objects. Two queries at most, whatever
    the number.
    """
    objects = [obj for obj in objects if obj is not None]
    proposals, attachments = _screened(
        user,
        proposal_ids=[obj.pk for obj in objects if isinstance(obj, Proposal)],
        attachment_ids=[obj.pk for obj in objects if isinstance(obj, Attachment)],
    )
    return _screen(objects, proposals, attachments)


def _screen(
    objects: list[Proposal | Attachment], proposals: dict[int, str], attachments: dict[int, str]
) -> set[Any]:
    screened = set()
    for obj in objects:
        if isinstance(obj, Proposal) and obj.pk in proposals:
            obj.title, obj.text = proposals[obj.pk], ""
        elif isinstance(obj, Attachment) and obj.pk in attachments:
            obj.name = attachments[obj.pk]
        else:
            setattr(obj, "screened", False)  # noqa: B010 (a display flag, not a field)
            continue
        setattr(obj, "screened", True)  # noqa: B010
        screened.add(obj)
    return screened


def proposal_title_per_reader(users: Iterable[Any], proposal: Proposal) -> dict[int, Text]:
    """The proposal's title as each of these users may see it, by user id: the real one, or
    the screened one for who may not read its current version (a notification's text is per
    recipient). Nothing more than one query when the version is public; at most five in all,
    whatever the number of users. A screened title without its own text is translated late."""
    people = list(users)
    titles: dict[int, Text] = {user.pk: proposal.title for user in people}
    restricted = (
        Record.objects.filter(
            access__in=RESTRICTED,
            proposal_version__proposal=proposal,
            proposal_version__number=proposal.version,
        )
        .values_list("pk", "screened_title")
        .first()
    )
    if restricted is None or not people:
        return titles
    record_id, screened_title = restricted
    may_read = [
        Record.objects.filter(readable_q(reader), pk=record_id)
        .annotate(reader=Value(reader.pk, output_field=IntegerField()))
        .values_list("reader", flat=True)
        for reader in users_asked_about(people)
        if _active(reader)
    ]
    readers = set(may_read[0].union(*may_read[1:], all=True)) if may_read else set()
    hidden: Text = screened_title or SCREENED
    return {pk: title if pk in readers else hidden for pk, title in titles.items()}


def screened_current_versions(user: Any) -> QuerySet[Record]:
    """The records of proposals' current versions that are restricted and this user may not read.

    A search must not find such a proposal by its real title or text, only by its screened title.
    """
    return Record.objects.filter(
        access__in=RESTRICTED,
        proposal_version__number=F("proposal_version__proposal__version"),
    ).exclude(_readable_exists(user))


def screen_proposal_page(
    user: Any, proposal: Proposal, memos: Iterable[Attachment]
) -> tuple[bool, set[int]]:
    """What the proposal's page screens, in one query: `screen_titles` of the proposal and its
    memos (whether the proposal is screened) and `unreadable_version_ids` of the proposal."""
    memos = list(memos)
    restricted = (
        Record.objects.filter(access__in=RESTRICTED)
        .filter(Q(proposal_version__proposal=proposal) | Q(attachment__in=[m.pk for m in memos]))
        .exclude(_readable_exists(user))
        .values_list(
            "proposal_version__proposal_id",
            "proposal_version_id",
            "proposal_version__number",
            "attachment_id",
            "screened_title",
        )
    )
    proposals: dict[int, str] = {}
    attachments: dict[int, str] = {}
    hidden_versions = set()
    for proposal_id, version_id, number, attachment_id, screened_title in restricted:
        title = screened_title or str(SCREENED)
        if proposal_id == proposal.pk:
            hidden_versions.add(version_id)
        if attachment_id is not None:
            attachments[attachment_id] = title
        elif proposal_id == proposal.pk and number == proposal.version:
            proposals[proposal.pk] = title
    screened = _screen([proposal, *memos], proposals, attachments)
    return proposal in screened, hidden_versions


def unreadable_version_ids(user: Any, proposal: Proposal) -> set[int]:
    """The proposal's versions that are restricted and that this user may not read."""
    restricted = Record.objects.filter(
        access__in=[Access.EXEMPT, Access.PARTLY_EXEMPT], proposal_version__proposal=proposal
    ).exclude(_readable_exists(user))
    return set(restricted.values_list("proposal_version_id", flat=True))
