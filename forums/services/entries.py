"""Editing an entry of minutes that are not yet approved; the field history keeps each version."""

import datetime
from typing import Any

from django.db import transaction

from forums.models import FollowUpAction, MinutesEntry
from forums.permissions import ensure_may_edit_minutes
from forums.services.minutes import _lock, _require_editable, entry_values
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry


@records_actor
@transaction.atomic
def minutes_entry_edit(
    *,
    actor: Any,
    entry: MinutesEntry,
    text: Any,
    owner_ministry: Ministry | None = None,
    due_date: datetime.date | None = None,
) -> MinutesEntry:
    """The secretariat edits an entry in draft or review (an accepted change request).

    A follow-up entry keeps its owner and due date required, and its open action follows.
    """
    ensure_may_edit_minutes(actor)
    minutes = _lock(entry.minutes, actor=actor)
    _require_editable(minutes)
    entry = MinutesEntry.objects.select_for_update().get(pk=entry.pk)
    text, owner_ministry, due_date = entry_values(
        kind=entry.kind,
        text=text,
        owner_ministry=owner_ministry,
        due_date=due_date,
        meeting=minutes.meeting,
    )
    before = {"text": entry.text}
    entry.text, entry.owner_ministry, entry.due_date = text, owner_ministry, due_date
    entry.save()
    if owner_ministry is not None and due_date is not None:  # a follow-up: its open action follows
        for action in FollowUpAction.objects.select_for_update().filter(
            minutes_entry=entry, state=FollowUpAction.State.OPEN
        ):
            action.text, action.owner_ministry, action.due_date = text, owner_ministry, due_date
            action.save()
    audit_record(
        actor=actor,
        kind="minutes.entry_edited",
        target=minutes,
        before={"entry": entry.pk, **before},
        after={"entry": entry.pk, "text": text},
    )
    return entry
