"""Move a measure through its lifecycle: proposed → assessed → prioritised → active → done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.decisions import GATED_STATUSES, decision_gate
from measures.exceptions import WrongState
from measures.models import Measure, MeasureTransition
from measures.permissions import can_coordinate_follow_up, ensure_measure_changeable
from measures.services.common import validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User

S = Measure.Status
ALLOWED: dict[str, set[str]] = {
    S.PROPOSED: {S.ASSESSED, S.STOPPED},
    S.ASSESSED: {S.PRIORITISED, S.STOPPED},
    S.PRIORITISED: {S.ACTIVE, S.STOPPED},
    S.ACTIVE: {S.COMPLETED, S.STOPPED},
    S.COMPLETED: set(),
    S.STOPPED: set(),
}


def allowed_transitions(measure: Measure) -> list[str]:
    return [status for status in S.values if status in ALLOWED[S(measure.status)]]


@records_actor
@transaction.atomic
def measure_transition(
    *,
    actor: User,
    measure: Measure,
    to_status: str,
    decision: int | None = None,
    decided_on: datetime.date | None = None,
    note: str = "",
) -> MeasureTransition:
    """Record the coordinator's move of a measure to its next status, with date and decision.

    `decision` names the endorsed proposal the move rests on (its id); prioritised and active
    need one that covers the measure (`measures.decisions`), other moves may name one.
    Raises WrongState when the move is not allowed from the current status, ValidationError
    when the decision is missing or does not hold; nothing is changed then.
    """
    allowed = can_coordinate_follow_up(actor)
    ensure_measure_changeable(actor=actor, measure=measure, allowed=allowed)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if to_status not in ALLOWED.get(measure.status, set()):
        raise WrongState(
            _("A measure cannot move from %(from)s to %(to)s.")
            % {"from": measure.get_status_display(), "to": to_status}
        )
    gate = decision_gate()
    decided_in = ""
    if decision is not None:
        decided_in = gate.check(measure=measure, decision=decision)
    elif to_status in GATED_STATUSES:
        raise ValidationError(
            {
                "decision": _(
                    "A measure becomes prioritised or active only by an endorsed proposal "
                    "that covers it. Choose that proposal."
                )
            }
        )
    transition = MeasureTransition(
        measure=measure,
        from_status=measure.status,
        to_status=to_status,
        decided_on=decided_on or timezone.localdate(),
        decided_in=decided_in,
        note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    validated_save(transition)
    if decision is not None:
        gate.record(transition=transition, decision=decision)
    measure.status = to_status
    measure.save(update_fields=["status"])
    audit_record(
        actor=actor,
        kind="measure.transitioned",
        target=measure,
        ministry=measure.lead_ministry,
        before={"status": transition.from_status},
        after={
            "status": to_status,
            "decision": decided_in,
            "decided_on": str(transition.decided_on),
        },
    )
    return transition
