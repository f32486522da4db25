"""State changes of delegations: an admin head lets a deputy sign for a period, and revokes it."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import Delegation
from forums.permissions import can_delegate_for
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry, UserProfile
from portfolio.types import User
from portfolio.validation import check_dates


@records_actor
@transaction.atomic
def delegation_grant(
    *,
    actor: User,
    ministry: Ministry,
    delegate: Any,
    valid_from: datetime.date,
    valid_to: datetime.date,
) -> Delegation:
    """Let a deputy of the same ministry sign for it from one day to another (both included)."""
    if not can_delegate_for(user=actor, ministry=ministry):
        raise PermissionDenied(_("You may not delegate for %(ministry)s.") % {"ministry": ministry})
    if delegate is None or not delegate.is_active:
        raise ValidationError({"delegate": _("Choose an active user.")})
    if delegate.pk == actor.pk:
        raise ValidationError({"delegate": _("You cannot delegate to yourself.")})
    if not UserProfile.objects.filter(user=delegate, ministry=ministry).exists():
        raise ValidationError({"delegate": _("The deputy must work in the same ministry.")})
    if not isinstance(valid_from, datetime.date) or not isinstance(valid_to, datetime.date):
        raise ValidationError({"valid_to": _("Enter valid dates.")})
    check_dates(valid_from=valid_from, valid_to=valid_to)
    if valid_to < valid_from:
        raise ValidationError({"valid_to": _("The period must end on or after its first day.")})
    if valid_to < timezone.localdate():
        raise ValidationError({"valid_to": _("The period has already ended.")})
    delegation = Delegation.objects.create(
        ministry=ministry,
        delegate=delegate,
        granted_by=actor,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    audit_record(
        actor=actor,
        kind="delegation.granted",
        target=delegation,
        ministry=ministry,
        after={
            "delegate": delegate.get_username(),
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat(),
        },
    )
    return delegation


@records_actor
@transaction.atomic
def delegation_revoke(*, actor: User, delegation: Delegation) -> Delegation:
    """End a delegation now. The row lock lets it be revoked once."""
    if not can_delegate_for(user=actor, ministry=delegation.ministry):
        raise PermissionDenied(
            _("You may not delegate for %(ministry)s.") % {"ministry": delegation.ministry}
        )
    now = timezone.now()
    # Locked and saved per object (not queryset.update()) so the field history records it.
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.revoked_at is not None:
        raise WrongState(_("The delegation has already been revoked."))
    delegation.revoked_at = now
    delegation.revoked_by = actor
    delegation.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        kind="delegation.revoked",
        target=delegation,
        ministry=delegation.ministry,
        before={"delegate": delegation.delegate.get_username()},
    )
    return delegation
