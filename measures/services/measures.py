"""Make a measure in the portal, and change its lead ministry from a date.

The coordinator does both. A new measure starts as proposed; its lead history begins with
its lead ministry. A change of lead closes the lead in force the day before and opens the
new one, so that the history answers "who led it on that day?" for every day.
"""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import Measure, MeasureLead
from measures.permissions import can_coordinate_follow_up, ensure, ensure_measure_changeable
from measures.services.common import validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry, TargetArea
from portfolio.types import User
from portfolio.validation import check_dates

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9-]*[0-9][A-Z0-9-]*$")
DESCRIPTION_MAX = 10_000
TEXT_FIELDS = ["code", "name_nb", "name_nn", "name_en", "description_nb", "description_en"]


def _check_lead(ministry: Ministry, day: datetime.date) -> None:
    if ministry.kind not in (Ministry.Kind.MINISTRY, Ministry.Kind.PM_OFFICE):
        raise ValidationError({"lead_ministry": _("Choose a ministry to lead the measure.")})
    if not ministry.is_active_on(day):
        raise ValidationError(
            {
                "lead_ministry": _("%(ministry)s does not exist on that date.")
                % {"ministry": ministry}
            }
        )


@records_actor
@transaction.atomic
def measure_create(
    *,
    actor: User,
    lead_ministry: Ministry,
    target_areas: Iterable[TargetArea],
    participating_ministries: Iterable[Ministry] = (),
    **values: Any,
) -> Measure:
    """The coordinator adds a measure to the portfolio, as proposed, at the end of the list."""
    ensure(can_coordinate_follow_up(actor))
    unknown = set(values) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    code = values.get("code")
    if isinstance(code, str) and code and not CODE_PATTERN.match(code):
        raise ValidationError(
            {"code": _("Use capital letters, digits and hyphens, with a digit, e.g. T8.")}
        )
    for name in ("description_nb", "description_en"):
        if len(str(values.get(name) or "")) > DESCRIPTION_MAX:
            raise ValidationError(
                {name: _("Keep it to %(max)d characters.") % {"max": DESCRIPTION_MAX}}
            )
    areas = list(target_areas)
    if not areas:
        raise ValidationError({"target_areas": _("Choose at least one target area.")})
    _check_lead(lead_ministry, timezone.localdate())
    last = Measure.objects.aggregate(last=Max("position"))["last"] or 0
    measure = Measure(
        lead_ministry=lead_ministry,
        status=Measure.Status.PROPOSED,
        position=last + 1,
        **{name: values.get(name, "") for name in TEXT_FIELDS},
    )
    validated_save(measure)
    measure.target_areas.set(areas)
    measure.participating_ministries.set(list(participating_ministries))
    MeasureLead.objects.create(measure=measure, ministry=lead_ministry)
    audit_record(
        actor=actor,
        kind="measure.created",
        target=measure,
        ministry=lead_ministry,
        after={
            "code": measure.code,
            "name_nb": measure.name_nb,
            "lead_ministry": lead_ministry.abbreviation,
            "target_areas": sorted(area.code for area in areas),
            "status": measure.status,
        },
    )
    return measure


@records_actor
@transaction.atomic
def measure_lead_change(
    *, actor: User, measure: Measure, lead_ministry: Ministry, valid_from: datetime.date
) -> MeasureLead:
    """From `valid_from` (today or earlier) the measure is led by `lead_ministry`.

    The date must come after the start of the lead in force then, and the new lead must
    differ from it. Later leads cannot be rewritten: the history only grows at its end.
    A measure of a closed strategy period keeps its lead, save for the secretariat's correction.
    """
    allowed = can_coordinate_follow_up(actor)
    ensure_measure_changeable(actor=actor, measure=measure, allowed=allowed)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if not isinstance(valid_from, datetime.date):
        raise ValidationError({"valid_from": _("Enter a valid date.")})
    check_dates(valid_from=valid_from)
    if valid_from > timezone.localdate():
        raise ValidationError(
            {"valid_from": _("Record a change of lead on or after the day it takes effect.")}
        )
    _check_lead(lead_ministry, valid_from)
    leads = list(measure.leads.select_related("ministry"))
    current = next((lead for lead in leads if lead.valid_to is None), None)
    if current is None:  # a measure from before the history: its lead so far, from the start
        current = MeasureLead.objects.create(measure=measure, ministry=measure.lead_ministry)
    if current.valid_from is not None and valid_from <= current.valid_from:
        raise ValidationError(
            {
                "valid_from": _("The lead of %(ministry)s began on %(date)s; choose a later date.")
                % {"ministry": current.ministry, "date": current.valid_from.isoformat()}
            }
        )
    if current.ministry_id == lead_ministry.pk:
        raise ValidationError(
            {
                "lead_ministry": _("%(ministry)s leads the measure already.")
                % {"ministry": lead_ministry}
            }
        )
    current.valid_to = valid_from - datetime.timedelta(days=1)
    validated_save(current)
    lead = MeasureLead(measure=measure, ministry=lead_ministry, valid_from=valid_from)
    validated_save(lead)
    before = measure.lead_ministry
    measure.lead_ministry = lead_ministry
    measure.save(update_fields=["lead_ministry"])
    audit_record(
        actor=actor,
        kind="measure.lead_changed",
        target=measure,
        ministry=lead_ministry,
        before={"lead_ministry": before.abbreviation},
        after={"lead_ministry": lead_ministry.abbreviation, "valid_from": str(valid_from)},
    )
    return lead
