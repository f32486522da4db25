"""Closing a strategy period: its records become read-only, save for the secretariat's corrections.

A record belongs to a strategy through its measure's target areas (measures and their follow-up)
or through its year (proposals, meetings, minutes: the strategy whose period covers the year).
Services ask `ensure_changeable` before they change such a record; the secretariat may still
correct it, and the correction is kept like any change (audit event and field history). A
correction of a measure's records needs a reason (`portfolio.audit_context.correction`, given on
the page or in the API): `correction_record` refuses one without and records it as an audit event
of its own, beside the change's event; the history rows carry the reason too.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.audit import audit_record
from portfolio.audit_context import correction_reason
from portfolio.exceptions import WrongState
from portfolio.history import records_actor
from portfolio.models import Ministry, Strategy
from portfolio.permissions import ensure, is_coordinator, is_secretariat
from portfolio.selectors import closed_strategy_of_years
from portfolio.types import User

__all__ = [
    "StrategyClosed",
    "correction_record",
    "ensure_changeable",
    "ensure_year_changeable",
    "may_close_strategy",
    "may_correct_closed",
    "strategy_close",
]


class StrategyClosed(WrongState):
    """The record belongs to a closed strategy period (HTTP 409 in the API)."""

    def __init__(self, strategy: Strategy):
        super().__init__(
            _(
                "The strategy period %(period)s is closed: its records can no longer be changed. "
                "The secretariat can correct them."
            )
            % {"period": strategy.slug}
        )
        self.strategy = strategy


def may_close_strategy(user: Any) -> bool:
    """The coordinator closes a strategy period and opens its successor."""
    return is_coordinator(user)


def may_correct_closed(user: Any) -> bool:
    """The secretariat may correct the records of a closed period."""
    return is_secretariat(user)


def ensure_changeable(*, actor: User | None, strategy: Strategy | None) -> None:
    """Refuse a change to a record of a closed strategy, unless the secretariat corrects it.

    The system (no actor: deadlines and reminders) is not refused: it only finishes what was
    already due."""
    if strategy is None or strategy.closed_at is None or actor is None:
        return
    if may_correct_closed(actor):
        return
    raise StrategyClosed(strategy)


def correction_record(
    *, actor: User, strategy: Strategy, target: models.Model, ministry: Ministry | None = None
) -> None:
    """The secretariat corrects `target`, a record of the closed `strategy`: refuse it without a
    reason (ValidationError on `correction_reason`), else record the correction and its reason.

    Call inside the service's transaction, before the change."""
    reason = correction_reason()
    if not reason:
        raise ValidationError(
            {"correction_reason": _("Give the reason for correcting a closed strategy period.")}
        )
    audit_record(
        actor=actor,
        kind="strategy.record_corrected",
        target=target,
        ministry=ministry,
        after={"strategy": strategy.slug},
        note=reason,
    )


def ensure_year_changeable(*, actor: User | None, years: list[int]) -> None:
    """The same for a record dated by its year (a proposal, a meeting)."""
    if actor is None:
        return
    ensure_changeable(actor=actor, strategy=closed_strategy_of_years(years))


@records_actor
def strategy_close(*, actor: User, strategy: Strategy) -> Strategy:
    """Close the strategy period: from now on its records are read-only (module docstring)."""
    ensure(may_close_strategy(actor))
    with transaction.atomic():
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
        if strategy.closed_at is not None:
            raise WrongState(
                _("The strategy period %(period)s is already closed.") % {"period": strategy.slug}
            )
        strategy.closed_at = timezone.now()
        strategy.closed_by = actor
        strategy.save(update_fields=["closed_at", "closed_by"])
        audit_record(
            actor=actor,
            kind="strategy.closed",
            target=strategy,
            before={"closed_at": None},
            after={"closed_at": strategy.closed_at.isoformat()},
        )
    return strategy
