"""Reads of the forums app: forums, their meetings, agendas and minutes.

Forums, meetings and minutes are open to everyone logged in to the portal; what a person
may change is decided by forums.permissions.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet

from forums.models import AgendaItem, Forum, Meeting, Minutes, MinutesEntry, Proposal
from portfolio.selectors import StrategyChoice
from portfolio.types import User


def forum_list() -> QuerySet[Forum]:
    return Forum.objects.select_related("secretariat").order_by("code")


def forum_detail(*, slug: str) -> Forum:
    return Forum.objects.select_related("wheel", "chair_ministry", "core_group").get(slug=slug)


def in_strategy_years(records: QuerySet[Any], choice: StrategyChoice | None) -> QuerySet[Any]:
    """The dated records (by their `year`) that belong to the chosen strategy's lists."""
    if choice is None:
        return records
    if choice.first_year is not None:
        records = records.filter(year__gte=choice.first_year)
    if choice.last_year is not None:
        records = records.filter(year__lte=choice.last_year)
    return records


def meeting_list(
    *, forum: Forum | None = None, year: int | None = None, strategy: StrategyChoice | None = None
) -> QuerySet[Meeting]:
    meetings = in_strategy_years(Meeting.objects.select_related("forum"), strategy)
    if forum is not None:
        meetings = meetings.filter(forum=forum)
    if year is not None:
        meetings = meetings.filter(year=year)
    return meetings.order_by("starts_at", "id")


def meeting_detail(*, pk: int) -> Meeting:
    # Drafts stay with those who prepare them, also when they are already on an agenda.
    proposals = Proposal.objects.exclude(status=Proposal.Status.DRAFT).select_related("forum")
    items = AgendaItem.objects.prefetch_related(
        "measures", "attachments", Prefetch("proposals", queryset=proposals)
    ).order_by("number")
    return (
        Meeting.objects.select_related("forum", "forum__wheel", "slot")
        .prefetch_related(
            Prefetch("agenda_items", queryset=items), "attendance__ministry", "minutes"
        )
        .get(pk=pk)
    )


def minutes_current(*, meeting: Meeting) -> Minutes | None:
    """The newest version of the meeting's minutes, with entries and comments."""
    entries = MinutesEntry.objects.select_related(
        "agenda_item", "owner_ministry", "proposal__forum"
    ).order_by("agenda_item__number", "id")
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_by", "corrects", "meeting__forum")
        .prefetch_related(
            Prefetch("entries", queryset=entries), "comments__ministry", "comments__author"
        )
        .order_by("-version")
        .first()
    )


def meetings_of_user(*, user: User) -> QuerySet[Meeting]:
    """Meetings of every forum the person is a member of (the personal calendar)."""
    forums = Forum.objects.filter(memberships__user=user)
    return meeting_list().filter(forum__in=forums)
