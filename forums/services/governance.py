"""Governance per measure: its decision forum, who takes part, its reporting cadence.

The coordinator sets it; a proposal about measures takes its forum and its participants
from it (`proposal_participants`). A measure without settings is governed the default way:
Strategisk forum, every ministry with a seat there, every reporting period.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.models import Forum, MeasureGovernance, Proposal
from measures.models import Measure
from measures.permissions import can_coordinate_follow_up, ensure_measure_changeable
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.types import User

STRATEGIC_FORUM_SLUG = "strategisk-forum"
Participation = MeasureGovernance.Participation
OWNER_KINDS = (Ministry.Kind.MINISTRY, Ministry.Kind.PM_OFFICE)


def governance_of(measure: Measure) -> MeasureGovernance:
    """The measure's settings, or the default ones (not saved) when none are recorded."""
    governance = MeasureGovernance.objects.filter(measure=measure).select_related("forum").first()
    return governance or default_governance(measure)


def default_governance(measure: Measure) -> MeasureGovernance:
    return MeasureGovernance(measure=measure, forum=Forum.objects.get(slug=STRATEGIC_FORUM_SLUG))


def _snapshot(governance: MeasureGovernance, ministries: list[Ministry]) -> dict[str, object]:
    return {
        "forum": governance.forum.code,
        "participation": governance.participation,
        "ministries": sorted(m.abbreviation for m in ministries),
        "reporting_cadence": governance.reporting_cadence,
    }


@records_actor
@transaction.atomic
def measure_governance_set(
    *,
    actor: User,
    measure: Measure,
    forum: Forum,
    participation: str,
    reporting_cadence: str,
    ministries: Iterable[Ministry] = (),
) -> MeasureGovernance:
    """The coordinator sets how decisions on the measure are taken and how often it reports.

    Not for a measure of a closed strategy period: its governance is part of its record."""
    ensure_measure_changeable(actor=actor, measure=measure, allowed=can_coordinate_follow_up(actor))
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    errors: dict[str, str] = {}
    if forum.advisory_only:
        errors["forum"] = _("This forum gives advice only; it takes no decisions.")
    if participation not in Participation.values:
        errors["participation"] = _("Choose who takes part in the decisions.")
    if reporting_cadence not in MeasureGovernance.Cadence.values:
        errors["reporting_cadence"] = _("Choose how often the measure reports.")
    named = sorted(set(ministries), key=lambda m: m.abbreviation)
    if participation == Participation.NAMED and not named:
        errors["ministries"] = _("Name the ministries that take part.")
    if participation == Participation.OWNERS and named:
        errors["ministries"] = _("Name ministries only when named ministries take part.")
    if any(m.kind not in OWNER_KINDS for m in named):
        errors["ministries"] = _("Only ministries and the Prime Minister's Office take part.")
    if errors:
        raise ValidationError(errors)
    governance = MeasureGovernance.objects.filter(measure=measure).first()
    before = None
    if governance is not None:
        before = _snapshot(governance, list(governance.ministries.all()))
    else:
        governance = MeasureGovernance(measure=measure)
    governance.forum = forum
    governance.participation = participation
    governance.reporting_cadence = reporting_cadence
    governance.save()
    governance.ministries.set(named)
    after = _snapshot(governance, named)
    if after != before:
        audit_record(
            actor=actor,
            kind="measure.governance_changed",
            target=measure,
            ministry=measure.lead_ministry,
            before=before,
            after=after,
        )
    return governance


@records_actor
def governance_carry_over(*, actor: User, predecessor: Measure, measure: Measure) -> None:
    """The measure carried over to the successor strategy is governed as its predecessor was:
    the same decision forum, participation, named ministries and reporting cadence. Nothing to
    copy for a predecessor governed the default way. Runs in the succession's transaction
    (`measures.signals.measure_carried_over`)."""
    old = MeasureGovernance.objects.filter(measure=predecessor).select_related("forum").first()
    if old is None:
        return
    named = list(old.ministries.all())
    governance = MeasureGovernance.objects.create(
        measure=measure,
        forum=old.forum,
        participation=old.participation,
        reporting_cadence=old.reporting_cadence,
    )
    governance.ministries.set(named)
    audit_record(
        actor=actor,
        kind="measure.governance_changed",
        target=measure,
        ministry=measure.lead_ministry,
        after={**_snapshot(governance, named), "carried_over_from": predecessor.code},
    )


def on_measure_carried_over(
    sender: object, *, actor: User, predecessor: Measure, measure: Measure, **kwargs: object
) -> None:
    """Receiver of `measures.signals.measure_carried_over` (connected in ForumsConfig.ready)."""
    governance_carry_over(actor=actor, predecessor=predecessor, measure=measure)


def decision_forum(measures: Iterable[Measure]) -> Forum | None:
    """The one forum the measures name for their decisions, or None when they differ."""
    rows = list(measures)
    if not rows:
        return None
    forums = {governance_of(measure).forum_id for measure in rows}
    return Forum.objects.get(pk=forums.pop()) if len(forums) == 1 else None


def proposal_participants(proposal: Proposal, *, day: datetime.date) -> tuple[list[Ministry], str]:
    """The ministries that take part in the proposal, and on what basis ("owners"/"named").

    When every measure the proposal covers names its ministries, those (existing on the day)
    take part; otherwise, and for a proposal about no measure, every ministry with a seat in
    the forum does. A fixed number of queries.
    """
    measure_ids = list(proposal.measures.values_list("pk", flat=True))
    governances = list(
        MeasureGovernance.objects.filter(measure_id__in=measure_ids).prefetch_related("ministries")
    )
    all_named = bool(measure_ids) and len(governances) == len(measure_ids)
    if all_named and all(g.participation == Participation.NAMED for g in governances):
        named = {m.pk: m for g in governances for m in g.ministries.all() if m.is_active_on(day)}
        return sorted(named.values(), key=lambda m: m.abbreviation), Participation.NAMED
    seated = Ministry.objects.active_on(day).filter(forum_seats__forum=proposal.forum).distinct()
    return list(seated.order_by("abbreviation")), Participation.OWNERS
