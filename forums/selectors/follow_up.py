"""Reading follow-up actions: the list with its filters, and what a ministry owes."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from forums.models import FollowUpAction, Minutes, MinutesApproval
from forums.permissions import active_delegations
from portfolio.models import Ministry
from portfolio.permissions import admin_heads_of


def follow_up_action_list(
    *,
    ministry: str | None = None,
    state: str | None = None,
    overdue: bool = False,
    today: datetime.date | None = None,
) -> QuerySet[FollowUpAction]:
    """Actions with their origin, soonest due first; every logged-in user may read them.

    `ministry` is an abbreviation; `overdue` keeps open actions whose due date has passed.
    """
    queryset = FollowUpAction.objects.select_related(
        "owner_ministry", "minutes_entry__minutes", "proposal__forum", "measure"
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
