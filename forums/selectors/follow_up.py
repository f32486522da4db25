"""Reading follow-up actions: the list with its filters, and what a ministry owes."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from forums.models import FollowUpAction, Meeting, Minutes, MinutesApproval, MinutesEntry, Proposal
from forums.permissions import active_delegations
from forums.selectors.meetings import in_strategy_years
from measures.models import Measure
from measures.selectors import measures_in_strategy
from portfolio.models import Ministry
from portfolio.permissions import admin_heads_of
from portfolio.selectors import StrategyChoice


def follow_up_action_list(
    *,
    ministry: str | None = None,
    state: str | None = None,
    overdue: bool = False,
    today: datetime.date | None = None,
    strategy: StrategyChoice | None = None,
) -> QuerySet[FollowUpAction]:
    """Actions with their origin, soonest due first; every logged-in user may read them.

    `ministry` is an abbreviation; `overdue` keeps open actions whose due date has passed;
    `strategy` keeps the actions of the chosen strategy (`actions_in_strategy`).
    """
    queryset = actions_in_strategy(
        FollowUpAction.objects.select_related(
            "owner_ministry", "minutes_entry__minutes", "proposal__forum", "measure"
        ),
        strategy,
    )
    if ministry:
        queryset = queryset.filter(owner_ministry__abbreviation__iexact=ministry)
    if state:
        queryset = queryset.filter(state=state)
    if overdue:
        queryset = queryset.filter(
            state=FollowUpAction.State.OPEN, due_date__lt=today or timezone.localdate()
        )
    return queryset.order_by("due_date", "id")


def actions_in_strategy(
    actions: QuerySet[FollowUpAction], choice: StrategyChoice | None
) -> QuerySet[FollowUpAction]:
    """The actions of the chosen strategy: by the measure they concern, else by the proposal
    (its year, as the register), else by the meeting of their minutes (its year, as the
    meetings), else by their due date's year. Subqueries only: the query count stays."""
    if choice is None or choice.strategy is None:
        return actions
    measures = measures_in_strategy(Measure.objects.all(), choice).values("pk")
    proposals = in_strategy_years(Proposal.objects.all(), choice).values("pk")
    meetings = in_strategy_years(Meeting.objects.all(), choice).values("pk")
    entries = MinutesEntry.objects.filter(minutes__meeting__in=meetings).values("pk")
    undated = Q()
    if choice.first_year is not None:
        undated &= Q(due_date__year__gte=choice.first_year)
    if choice.last_year is not None:
        undated &= Q(due_date__year__lte=choice.last_year)
    no_measure = Q(measure__isnull=True)
    no_proposal = no_measure & Q(proposal__isnull=True)
    return actions.filter(
        Q(measure__in=measures)
        | no_measure & Q(proposal__in=proposals)
        | no_proposal & Q(minutes_entry__in=entries)
        | no_proposal & Q(minutes_entry__isnull=True) & undated
    )


def follow_up_actions_owed(*, ministry: Ministry | None, limit: int = 50) -> list[FollowUpAction]:
    """The ministry's open actions, soonest due (so the overdue ones) first."""
    if ministry is None:
        return []
    # The lists show an action's own fields only: its origin is not joined.
    actions = FollowUpAction.objects.filter(
        state=FollowUpAction.State.OPEN, owner_ministry=ministry
    ).order_by("due_date", "id")
    return list(actions[:limit])


def approvals_waiting(*, ministry_ids: Iterable[int] | None = None) -> list[MinutesApproval]:
    """Answers still missing on minutes in review, with the meeting; one query."""
    queryset = MinutesApproval.objects.filter(
        decision__isnull=True, minutes__status=Minutes.Status.REVIEW
    )
    if ministry_ids is not None:
        queryset = queryset.filter(ministry_id__in=ministry_ids)
    return list(
        queryset.select_related("minutes__meeting", "ministry").order_by(
            "minutes__review_ends_on", "pk"
        )
    )


def owner_recipients(ministry: Ministry) -> list[Any]:
    """The owner ministry's admin heads and today's delegates: nobody else is reminded."""
    heads = admin_heads_of([ministry])
    delegates = active_delegations().filter(ministry=ministry).values("delegate_id")
    users = get_user_model().objects.filter(
        Q(pk__in=heads.values("pk")) | Q(pk__in=delegates), is_active=True
    )
    return list(users.select_related("profile").order_by("pk"))
