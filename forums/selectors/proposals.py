"""Reads of proposals: the register, one proposal with its positions, what waits for a ministry."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from forums.models import (
    Advice,
    AgendaItem,
    Delegation,
    Forum,
    MinutesEntry,
    Position,
    PositionChange,
    PositionChoice,
    Proposal,
    ProposalVersion,
)
from forums.permissions import active_delegations, signable_ministry_ids, visible_proposals
from forums.records_access import screen_titles, screened_current_versions
from forums.selectors.meetings import in_strategy_years
from measures.models import Measure
from portfolio.models import Ministry
from portfolio.selectors import StrategyChoice


class RegisterFilters(TypedDict, total=False):
    """The register's filters, each optional."""

    forum: str
    year: int | None
    measure: str
    status: str
    q: str
    strategy: StrategyChoice | None


def proposal_register(*, user: Any, **filters: Unpack[RegisterFilters]) -> QuerySet[Proposal]:
    """The proposals the user may see, filtered, with what the register shows."""
    entries = MinutesEntry.objects.select_related("minutes__meeting").order_by(
        "minutes__meeting__starts_at"
    )
    queryset = (
        visible_proposals(user)
        .select_related("forum")
        .prefetch_related("measures", Prefetch("minutes_entries", queryset=entries))
    )
    return _register_filter(queryset, user=user, **filters).distinct()


def proposal_register_rows(*, user: Any, **filters: Unpack[RegisterFilters]) -> QuerySet[Proposal]:
    """As proposal_register, with only the columns a row of the register page shows."""
    entries = (
        MinutesEntry.objects.select_related("minutes__meeting")
        .only("proposal", "minutes__meeting__title")
        .order_by("minutes__meeting__starts_at")
    )
    queryset = (
        visible_proposals(user)
        .select_related("forum")
        .only(
            "forum__code",
            "forum__name_nb",
            "forum__name_nn",
            "forum__name_en",
            "year",
            "number",
            "title",
            "deadline",
            "status",
        )
        .prefetch_related(
            Prefetch("measures", queryset=Measure.objects.only("code")),
            Prefetch("minutes_entries", queryset=entries),
        )
    )
    return _register_filter(queryset, user=user, **filters)


def _register_filter(
    queryset: QuerySet[Proposal],
    *,
    user: Any,
    forum: str = "",
    year: int | None = None,
    measure: str = "",
    status: str = "",
    q: str = "",
    strategy: StrategyChoice | None = None,
) -> QuerySet[Proposal]:
    """The filters of the register; each row at most once, without a DISTINCT."""
    queryset = in_strategy_years(queryset, strategy)
    if forum:
        queryset = queryset.filter(forum__slug=forum)
    if year:
        queryset = queryset.filter(year=year)
    if measure:
        covering = Proposal.measures.through.objects.filter(measure__code=measure)
        queryset = queryset.filter(pk__in=covering.values("proposal_id"))
    if status:
        queryset = queryset.filter(status=status)
    if q:
        # A proposal the user may not read is found by its screened title only.
        screened = screened_current_versions(user)
        queryset = queryset.filter(
            (Q(title__icontains=q) | Q(text__icontains=q))
            & ~Q(pk__in=screened.values("proposal_version__proposal_id"))
            | Q(
                pk__in=screened.filter(screened_title__icontains=q).values(
                    "proposal_version__proposal_id"
                )
            )
        )
    return queryset


def proposal_years() -> list[int]:
    return list(Proposal.objects.order_by("-year").values_list("year", flat=True).distinct())


def proposal_detail(*, user: Any, pk: int) -> Proposal:
    """One proposal the user may see, with its versions, advice and escalations."""
    return (
        visible_proposals(user)
        .select_related("forum", "amends__forum", "created_by")
        .prefetch_related(
            "measures",
            Prefetch("versions", queryset=ProposalVersion.objects.select_related("created_by")),
            Prefetch(
                "advice",
                queryset=Advice.objects.select_related(
                    "forum", "core_group", "recorded_by", "meeting"
                ),
            ),
            "escalations",
            # A draft amendment is as hidden as any other draft.
            Prefetch("amended_by", queryset=visible_proposals(user).select_related("forum")),
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")),
            "memos",
        )
        .get(pk=pk)
    )


@dataclass
class PositionRow:
    ministry: Ministry
    position: Position | None


def proposal_positions(proposal: Proposal) -> list[PositionRow]:
    """One row per participating ministry with its current position on the current version."""
    participants = list(proposal.participants.order_by("abbreviation"))
    current = {
        position.ministry_id: position
        for position in Position.objects.current()
        .filter(proposal=proposal, version=proposal.version)
        .select_related("recorded_by")
    }
    return [PositionRow(ministry, current.get(ministry.pk)) for ministry in participants]


def standing_objections(proposal: Proposal) -> QuerySet[Position]:
    """The objections to the current version that still count: what a revision may answer."""
    return (
        Position.objects.current()
        .filter(proposal=proposal, version=proposal.version, position=PositionChoice.OBJECT)
        .select_related("ministry")
        .order_by("ministry__abbreviation")
    )


def resolved_objections(proposal: Proposal) -> QuerySet[Position]:
    """Every objection on any version that was resolved: by withdrawal or by a revision."""
    return (
        Position.objects.filter(proposal=proposal, position=PositionChoice.OBJECT)
        .exclude(resolution="")
        .select_related("ministry", "withdrawn_by")
        .order_by("withdrawn_at", "id")
    )


def proposal_history(proposal: Proposal) -> QuerySet[PositionChange]:
    return PositionChange.objects.filter(proposal=proposal).select_related(
        "ministry", "recorded_by"
    )


@dataclass
class WaitingItem:
    proposal: Proposal
    ministry: Ministry


def waiting_for_user(user: Any) -> list[WaitingItem]:
    """Proposals in consultation where a ministry the user signs for has not answered yet.

    A restricted proposal shows its screened title to who may not read it (a deputy signing by
    delegation is neither an admin head nor a measure lead); one more query, whatever the number.
    """
    ministry_ids = signable_ministry_ids(user)
    if not ministry_ids:
        return []
    return screen_waiting(user, missing_positions(ministry_ids=ministry_ids))


def screen_waiting(user: Any, items: list[WaitingItem]) -> list[WaitingItem]:
    """The items with each restricted proposal's title screened for who may not read it."""
    screen_titles(user, [item.proposal for item in items])
    return items


def _fields(model: Any, *names: str) -> tuple[str, ...]:
    # from_db takes the loaded fields in the model's own order.
    return tuple(field.attname for field in model._meta.concrete_fields if field.attname in names)


# What a waiting list shows of a proposal, its forum and the ministry (the rest is deferred):
# the lists run to hundreds of rows, and the long texts and sources are never shown there.
_WAITING_FIELDS = {
    Proposal: _fields(
        Proposal, "id", "forum_id", "year", "number", "title", "deadline", "status", "version"
    ),
    Forum: _fields(Forum, "id", "slug", "code", "kind", "name_nb", "name_nn", "name_en"),
    Ministry: _fields(
        Ministry,
        "id",
        "abbreviation",
        "kind",
        "name_nb",
        "name_nn",
        "name_en",
        "valid_from",
        "valid_to",
        "predecessor_id",
    ),
}


def _loaded(db: str, model: Any, values: Iterable[Any]) -> Any:
    return model.from_db(db, _WAITING_FIELDS[model], tuple(values))


def missing_positions(*, ministry_ids: Iterable[int] | None = None) -> list[WaitingItem]:
    """(proposal, ministry) of every position still missing on a proposal in consultation;
    of the given ministries, or of all. One query; a proposal, forum or ministry met on
    several rows is one object."""
    answered = Position.objects.current().filter(
        proposal=OuterRef("proposal_id"),
        ministry=OuterRef("ministry_id"),
        version=OuterRef("proposal__version"),
    )
    through = Proposal.participants.through
    rows = through.objects.filter(proposal__status=Proposal.Status.CONSULTATION)
    if ministry_ids is not None:
        rows = rows.filter(ministry_id__in=ministry_ids)
    columns = [
        *(f"proposal__{name}" for name in _WAITING_FIELDS[Proposal]),
        *(f"proposal__forum__{name}" for name in _WAITING_FIELDS[Forum]),
        *(f"ministry__{name}" for name in _WAITING_FIELDS[Ministry]),
    ]
    found: Any = (
        rows.exclude(Exists(answered))
        .order_by("proposal__deadline", "ministry__abbreviation")
        .values_list(*columns)
    )
    forum_end = len(_WAITING_FIELDS[Proposal])
    ministry_end = forum_end + len(_WAITING_FIELDS[Forum])
    proposals: dict[int, Proposal] = {}
    forums: dict[int, Forum] = {}
    ministries: dict[int, Ministry] = {}
    items = []
    db = found.db
    for row in found:
        proposal = proposals.get(row[0])
        if proposal is None:
            forum = forums.get(row[forum_end])
            if forum is None:
                forum = forums[row[forum_end]] = _loaded(db, Forum, row[forum_end:ministry_end])
            proposal = proposals[row[0]] = _loaded(db, Proposal, row[:forum_end])
            proposal.forum = forum
        ministry = ministries.get(row[ministry_end])
        if ministry is None:
            ministry = ministries[row[ministry_end]] = _loaded(db, Ministry, row[ministry_end:])
        items.append(WaitingItem(proposal, ministry))
    return items


def delegations_for(*, ministries: list[Ministry]) -> QuerySet[Delegation]:
    return Delegation.objects.filter(ministry__in=ministries).select_related(
        "ministry", "delegate", "granted_by", "revoked_by"
    )


def delegation_is_active(delegation: Delegation) -> bool:
    return active_delegations().filter(pk=delegation.pk).exists()
