"""Submit or revise a status report of a measure or a core group."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.follow_up_summary import follow_up_refresh
from measures.models import CoreGroup, Measure, ReportingPeriod, StatusReport
from measures.permissions import (
    can_write_core_group,
    can_write_measure,
    ensure_measure_changeable,
    may_correct_measure,
)
from measures.services.common import snapshot, validated_save
from measures.services.periods import lock_open_period
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.types import User

REPORT_FIELDS = [
    "rag",
    "confidence",
    "confidence_rationale",
    "progress",
    "schedule",
    "cost",
    "risk",
    "achievements",
    "next_steps",
    "help_needed",
]


@records_actor
@transaction.atomic
def status_report_submit(
    *,
    actor: User,
    period: ReportingPeriod,
    measure: Measure | None = None,
    core_group: CoreGroup | None = None,
    **values: Any,
) -> tuple[StatusReport, bool]:
    """Store the subject's report for the period, creating or revising it.

    Returns (report, created).

    Only the lead ministry writes; only while the period is open (else WrongState). The
    secretariat's correction of a closed strategy period revises a report that was given, also
    in a closed reporting period, and keeps its ministry and who submitted it.
    """
    if (measure is None) == (core_group is None):
        raise ValueError("Give exactly one of measure and core_group.")
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown report fields: {sorted(unknown)}")
    correcting = False
    if measure is not None:
        allowed = can_write_measure(user=actor, measure=measure)
        ensure_measure_changeable(actor=actor, measure=measure, allowed=allowed)
        correcting = may_correct_measure(user=actor, measure=measure)
        ministry: Ministry = measure.lead_on(timezone.localdate())  # the lead of the day
    elif core_group is not None:
        allowed = can_write_core_group(user=actor, group=core_group)
        ensure_measure_changeable(actor=actor, measure=core_group.measure, allowed=allowed)
        if core_group.lead_ministry is None:  # no lead ministry, no writer: refused above
            raise PermissionDenied(_("You may not make this change."))
        ministry = core_group.lead_ministry
    existing = None
    if correcting:  # a report given, whether or not its reporting period is still open
        existing = (
            StatusReport.objects.select_for_update().filter(period=period, measure=measure).first()
        )
    if existing is None:
        period = lock_open_period(period)
        existing = StatusReport.objects.filter(
            period=period, measure=measure, core_group=core_group
        ).first()
    created = existing is None
    if existing is None:
        report = StatusReport(period=period, measure=measure, core_group=core_group)
        before = None
    else:
        report = existing
        before = snapshot(report, REPORT_FIELDS)
    missing = [name for name in REPORT_FIELDS if created and name not in values]
    required = {"rag", "confidence", "confidence_rationale", "progress", "schedule", "cost", "risk"}
    if set(missing) & required:
        raise ValidationError(
            {name: _("This field is required.") for name in sorted(set(missing) & required)}
        )
    for name, value in values.items():
        setattr(report, name, value)
    if not (correcting and existing is not None):
        report.ministry = ministry
        report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    validated_save(report)
    if measure is not None:
        follow_up_refresh([measure.pk])
    audit_record(
        actor=actor,
        kind="report.submitted" if created else "report.revised",
        target=report,
        ministry=ministry,
        before=before,
        after=snapshot(report, REPORT_FIELDS),
    )
    return report, created
