"""The successor of a strategy: period, target areas and criteria, and the measures carried over.

A carried-over measure is a new measure of the successor that points at its predecessor; the
predecessor keeps its reports, assessments and history under the earlier strategy. The new
measure is led by the predecessor's lead of today, in a dated lead from the successor's first
day; apps above copy what they keep about the measure on `measures.signals.measure_carried_over`
(the forums: its governance), in the same transaction.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from measures.models import Measure, MeasureLead
from measures.signals import measure_carried_over
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Criterion, Strategy, TargetArea
from portfolio.permissions import ensure
from portfolio.strategy_closing import may_close_strategy
from portfolio.types import User

CARRIED_PREFIX = re.compile(r"^\d{4}-")
MAX_YEARS = 12


@dataclass(frozen=True)
class Named:
    """A target area or criterion of the successor: its code (criteria only) and names."""

    name_nb: str
    name_en: str = ""
    code: str = ""


def carried_code(measure: Measure, successor: Strategy) -> str:
    """T1 carried into 2026-2030 is 2026-T1 (a code carried before loses its old year)."""
    return f"{successor.period_start}-{CARRIED_PREFIX.sub('', measure.code)}"[:10]


def _validate(
    *,
    predecessor: Strategy,
    title_nb: str,
    overall_goal_nb: str,
    period_start: int,
    period_end: int,
    target_areas: list[Named],
    criteria: list[Named],
) -> None:
    errors: dict[str, Any] = {}
    if not title_nb.strip():
        errors["title_nb"] = _("Give the strategy a name.")
    if not overall_goal_nb.strip():
        errors["overall_goal_nb"] = _("Give the strategy its overall goal.")
    if period_start <= predecessor.period_end:
        errors["period_start"] = _("The successor starts after %(year)s.") % {
            "year": predecessor.period_end
        }
    elif not period_start <= period_end < period_start + MAX_YEARS:
        errors["period_end"] = _("The last year is the first year or up to %(n)s years later.") % {
            "n": MAX_YEARS - 1
        }
    if not target_areas or any(not area.name_nb.strip() for area in target_areas):
        errors["target_areas"] = _("Give at least one target area, each with a name.")
    codes = [criterion.code.strip() for criterion in criteria]
    if (
        not criteria
        or any(not code or len(code) > 2 for code in codes)
        or len(set(codes)) != len(codes)
        or any(not criterion.name_nb.strip() for criterion in criteria)
    ):
        errors["criteria"] = _(
            "Give at least one criterion, each with its own code of one or two letters and a name."
        )
    if errors:
        raise ValidationError(errors)


@records_actor
@transaction.atomic
def strategy_successor_create(
    *,
    actor: User,
    predecessor: Strategy,
    title_nb: str,
    title_en: str = "",
    overall_goal_nb: str,
    overall_goal_en: str = "",
    period_start: int,
    period_end: int,
    target_areas: list[Named],
    criteria: list[Named],
    measures: list[Measure] = (),  # type: ignore[assignment]
) -> Strategy:
    """Create the successor of `predecessor` and carry the chosen measures over (the coordinator).

    Each carried measure gets the successor's target areas in the same positions as its own
    (the first one when the successor has fewer). Raises ValidationError on bad input.
    """
    ensure(may_close_strategy(actor))
    predecessor = Strategy.objects.select_for_update().get(pk=predecessor.pk)
    if Strategy.objects.filter(predecessor=predecessor).exists():
        raise ValidationError(_("This strategy already has a successor."))
    _validate(
        predecessor=predecessor,
        title_nb=title_nb,
        overall_goal_nb=overall_goal_nb,
        period_start=period_start,
        period_end=period_end,
        target_areas=target_areas,
        criteria=criteria,
    )
    own = set(
        Measure.objects.filter(target_areas__strategy=predecessor).values_list("pk", flat=True)
    )
    if any(measure.pk not in own for measure in measures):
        raise ValidationError(
            {"measures": _("Only measures of this strategy can be carried over.")}
        )
    if Strategy.objects.filter(period_start=period_start, period_end=period_end).exists():
        raise ValidationError({"period_start": _("A strategy of this period exists already.")})
    successor = Strategy.objects.create(
        code=f"S-{period_start}-{period_end}",
        title_nb=title_nb.strip(),
        title_en=title_en.strip(),
        overall_goal_nb=overall_goal_nb.strip(),
        overall_goal_en=overall_goal_en.strip(),
        period_start=period_start,
        period_end=period_end,
        predecessor=predecessor,
    )
    areas = [
        TargetArea.objects.create(
            strategy=successor,
            code=f"{period_start}-MO{position}",
            position=position,
            name_nb=area.name_nb.strip(),
            name_en=area.name_en.strip(),
        )
        for position, area in enumerate(target_areas, start=1)
    ]
    for criterion in criteria:
        Criterion.objects.create(
            strategy=successor,
            code=criterion.code.strip(),
            name_nb=criterion.name_nb.strip(),
            name_en=criterion.name_en.strip(),
        )
    carried = [_carry_over(actor, measure, successor, areas) for measure in measures]
    audit_record(
        actor=actor,
        kind="strategy.successor_created",
        target=successor,
        after={
            "predecessor": predecessor.slug,
            "period": successor.slug,
            "measures": [measure.code for measure in carried],
        },
    )
    return successor


def _carry_over(
    actor: User, measure: Measure, successor: Strategy, areas: list[TargetArea]
) -> Measure:
    if Measure.objects.filter(predecessor=measure).exists():
        raise ValidationError(
            {"measures": _("%(code)s has been carried over already.") % {"code": measure.code}}
        )
    code = carried_code(measure, successor)
    if Measure.objects.filter(code=code).exists():
        raise ValidationError(
            {"measures": _("A measure with the code %(code)s exists already.") % {"code": code}}
        )
    by_position = {area.position: area for area in areas}
    positions = measure.target_areas.values_list("position", flat=True)
    chosen = [by_position[p] for p in positions if p in by_position] or areas[:1]
    new = Measure.objects.create(
        code=code,
        position=measure.position,
        name_nb=measure.name_nb,
        name_nn=measure.name_nn,
        name_en=measure.name_en,
        description_nb=measure.description_nb,
        description_en=measure.description_en,
        lead_ministry=measure.lead_ministry,
        status=measure.status
        if measure.status not in (Measure.Status.COMPLETED, Measure.Status.STOPPED)
        else Measure.Status.PROPOSED,
        predecessor=measure,
    )
    new.target_areas.set(chosen)
    new.participating_ministries.set(measure.participating_ministries.all())
    MeasureLead.objects.create(
        measure=new,
        ministry=measure.lead_ministry,
        valid_from=datetime.date(successor.period_start, 1, 1),
    )
    measure_carried_over.send(sender=Measure, actor=actor, predecessor=measure, measure=new)
    audit_record(
        actor=actor,
        kind="measure.carried_over",
        target=new,
        ministry=new.lead_ministry,
        after={
            "predecessor": measure.code,
            "strategy": successor.slug,
            "lead_ministry": new.lead_ministry.abbreviation,
        },
    )
    return new
