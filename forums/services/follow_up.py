"""Follow-up actions: created from the minutes, closed by the owner ministry, reminded by Celery.

The owner ministry's admin head, or whoever holds a delegation from the ministry, closes an
action: done with an account, or cancelled with a reason. The coordinator reopens one.
"""

import datetime
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import FollowUpAction, FollowUpReminder, MinutesEntry
from forums.permissions import can_sign_for
from forums.selectors.follow_up import owner_recipients
from forums.services.validation import clean_text
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.notifications import notification_send
from portfolio.permissions import is_coordinator

DUE_SOON_DAYS = 7  # the "before the due date" reminder goes out a week ahead


def _lock(action: FollowUpAction) -> FollowUpAction:
    return (
        FollowUpAction.objects.select_for_update()
        .select_related("owner_ministry")
        .get(pk=action.pk)
    )


_Row = TypeVar("_Row", bound=Model)


def _only_one(queryset: QuerySet[_Row]) -> _Row | None:
    found = list(queryset[:2])
    return found[0] if len(found) == 1 else None


def follow_up_action_from_entry(*, actor: Any, entry: MinutesEntry) -> FollowUpAction:
    """The action of a follow-up entry, made once; the caller holds the minutes' lock.

    It names the entry's proposal, else the item's only proposal, and the item's only measure.
    """
    action = FollowUpAction.objects.filter(minutes_entry=entry).first()
    if action is not None:
        return action
    owner_id, due_date = entry.owner_ministry_id, entry.due_date
    if owner_id is None or due_date is None:  # the entry services require both
        raise ValueError(f"The follow-up entry {entry.pk} has no owner or no due date.")
    item = entry.agenda_item
    proposal = getattr(entry, "proposal", None) or _only_one(item.proposals.order_by("pk"))
    action = FollowUpAction.objects.create(
        owner_ministry_id=owner_id,
        due_date=due_date,
        text=entry.text,
        minutes_entry=entry,
        proposal=proposal,
        measure=_only_one(item.measures.order_by("pk")),
    )
    audit_record(
        actor=actor,
        kind="follow_up.created",
        target=action,
        ministry=action.owner_ministry,
        after={"entry": entry.pk, "due_date": action.due_date.isoformat()},
    )
    return action


def follow_up_action_detach(*, actor: Any, entry: MinutesEntry) -> None:
    """The entry leaves the minutes before approval: its open action is cancelled, kept."""
    for action in FollowUpAction.objects.select_for_update().filter(minutes_entry=entry):
        before = {"state": action.state}
        action.minutes_entry = None
        if action.state == FollowUpAction.State.OPEN:
            action.state = FollowUpAction.State.CANCELLED
            action.reason = _("The entry was removed from the minutes.")
            action.closed_at = timezone.now()
            action.closed_by = actor
        action.save()
        audit_record(
            actor=actor,
            kind="follow_up.detached",
            target=action,
            ministry=action.owner_ministry,
            before=before,
            after={"state": action.state},
        )


def ensure_may_close(*, actor: Any, action: FollowUpAction) -> None:
    """PermissionDenied unless the actor may close the action (checked before the input)."""
    _require_owner(actor, action)


def _require_owner(actor: Any, action: FollowUpAction) -> None:
    if not can_sign_for(user=actor, ministry=action.owner_ministry):
        raise PermissionDenied(
            _("Only the owner ministry's admin head or a delegate may close this action.")
        )


def _require_open(action: FollowUpAction) -> None:
    if action.state != FollowUpAction.State.OPEN:
        raise WrongState(_("The action is already closed."))


def _close(
    *, actor: Any, action: FollowUpAction, state: str, field: str, text: Any
) -> FollowUpAction:
    action = _lock(action)
    _require_owner(actor, action)
    _require_open(action)
    text = clean_text(text, field=field, max_length=5000)
    setattr(action, field, text)
    action.state = state
    action.closed_by = actor
    action.closed_at = timezone.now()
    action.save()
    audit_record(
        actor=actor,
        kind=f"follow_up.{state}",
        target=action,
        ministry=action.owner_ministry,
        before={"state": FollowUpAction.State.OPEN},
        after={"state": state, field: text},
    )
    return action


@records_actor
@transaction.atomic
def follow_up_action_complete(
    *, actor: Any, action: FollowUpAction, account: Any
) -> FollowUpAction:
    """Mark the action done with a short account of what was done."""
    return _close(actor=actor, action=action, state="done", field="account", text=account)


@records_actor
@transaction.atomic
def follow_up_action_cancel(*, actor: Any, action: FollowUpAction, reason: Any) -> FollowUpAction:
    """Cancel the action with the reason it is no longer to be done."""
    return _close(actor=actor, action=action, state="cancelled", field="reason", text=reason)


@records_actor
@transaction.atomic
def follow_up_action_reopen(*, actor: Any, action: FollowUpAction) -> FollowUpAction:
    """The coordinator reopens a closed action; its account or reason stays in the history."""
    action = _lock(action)
    if not is_coordinator(actor):
        raise PermissionDenied(_("Only the coordinator may reopen a follow-up action."))
    if action.state == FollowUpAction.State.OPEN:
        raise WrongState(_("The action is already open."))
    before = {"state": action.state}
    action.state = FollowUpAction.State.OPEN
    action.account = action.reason = ""
    action.closed_by, action.closed_at = None, None
    action.save()
    audit_record(
        actor=actor,
        kind="follow_up.reopened",
        target=action,
        ministry=action.owner_ministry,
        before=before,
        after={"state": action.state},
    )
    return action


def reminders_due(*, today: datetime.date) -> list[tuple[int, FollowUpReminder.Kind]]:
    """(action id, kind) of every reminder due today and not yet sent."""
    open_actions = FollowUpAction.objects.filter(state=FollowUpAction.State.OPEN)
    overdue = open_actions.filter(due_date__lt=today).exclude(
        reminders__kind=FollowUpReminder.Kind.OVERDUE
    )
    soon = open_actions.filter(
        due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
    ).exclude(reminders__kind=FollowUpReminder.Kind.DUE_SOON)
    return [(pk, FollowUpReminder.Kind.OVERDUE) for pk in overdue.values_list("pk", flat=True)] + [
        (pk, FollowUpReminder.Kind.DUE_SOON) for pk in soon.values_list("pk", flat=True)
    ]


@transaction.atomic
def follow_up_action_remind(*, action_id: int, kind: str) -> bool:
    """Send one reminder of the kind to the owner ministry; True when this call sent it.

    Safe to repeat: the ledger row (unique per action and kind) is the claim, written in the
    same transaction as the notifications, so a repeat or a concurrent run sends nothing.
    """
    action = (
        FollowUpAction.objects.select_for_update()
        .select_related("owner_ministry")
        .filter(pk=action_id, state=FollowUpAction.State.OPEN)
        .first()
    )
    if action is None:
        return False
    try:
        with transaction.atomic():
            FollowUpReminder.objects.create(action=action, kind=kind)
    except IntegrityError:
        return False  # already sent
    due = action.due_date.strftime("%d.%m.%Y")
    if kind == FollowUpReminder.Kind.OVERDUE:
        subject = lambda: _("Follow-up action overdue since %(date)s") % {"date": due}  # noqa: E731
    else:
        subject = lambda: _("Follow-up action due %(date)s") % {"date": due}  # noqa: E731
    notification_send(
        recipients=owner_recipients(action.owner_ministry),
        key=f"follow-up:{action.pk}:{kind}",
        kind="follow_up",
        subject=subject,
        body=lambda: action.text,
        url=f"{reverse('follow_up:list')}?ministry={action.owner_ministry.abbreviation}",
    )
    audit_record(
        actor=None, kind=f"follow_up.reminded_{kind}", target=action, ministry=action.owner_ministry
    )
    return True
