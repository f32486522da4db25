"""Open and close reporting periods (the coordinator's job)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.exceptions import WrongState
from measures.models import ReportingPeriod
from measures.permissions import can_coordinate_follow_up, ensure
from measures.services.common import snapshot, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.strategy_closing import ensure_year_changeable
from portfolio.types import User
from portfolio.validation import year_error

FIELDS = ["year", "sequence", "starts_on", "ends_on", "due_on", "meeting", "status"]


@records_actor
@transaction.atomic
def period_open(
    *,
    actor: User,
    year: int,
    sequence: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    due_on: datetime.date,
    meeting: str = "",
) -> ReportingPeriod:
    """Create an open reporting period. The (year, sequence) pair is unique.

    The period ends on or after its first day, and its reports are not due before it starts.
    """
    ensure(can_coordinate_follow_up(actor))
    ensure_year_changeable(actor=actor, years=[year])
    errors = {}
    if message := year_error(year):
        errors["year"] = message
    if sequence < 1:
        errors["sequence"] = _("The number in the year starts at 1.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The period must end on or after its first day.")
    if due_on < starts_on:
        errors["due_on"] = _("Reports cannot be due before the period starts.")
    if errors:
        raise ValidationError(errors)
    period = ReportingPeriod(
        year=year,
        sequence=sequence,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
        meeting=meeting,
    )
    validated_save(period)
    audit_record(actor=actor, kind="period.opened", target=period, after=snapshot(period, FIELDS))
    return period


@records_actor
@transaction.atomic
def period_close(*, actor: User, period: ReportingPeriod) -> ReportingPeriod:
    """Close a period; its reports and assessments become read-only. Raises WrongState if closed.

    The row lock makes a report being saved at the same moment either land before the close
    or see the period closed.
    """
    ensure(can_coordinate_follow_up(actor))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    ensure_year_changeable(actor=actor, years=[period.year])
    if not period.is_open:
        raise WrongState(_("The reporting period is already closed."))
    period.status = ReportingPeriod.Status.CLOSED
    period.closed_at = timezone.now()
    period.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        kind="period.closed",
        target=period,
        before={"status": ReportingPeriod.Status.OPEN},
        after={"status": period.status},
    )
    return period


def lock_open_period(period: ReportingPeriod) -> ReportingPeriod:
    """Lock the period row for the caller's transaction and refuse if it is closed."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if not period.is_open:
        raise WrongState(_("The reporting period is closed; its reports are read-only."))
    return period
