"""The ministries' positions on a proposal in consultation: recorded, changed, objection withdrawn.

Only someone who may sign for the ministry acts for it (`forums.permissions.can_sign_for`).
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import Position, PositionChange, PositionChoice, Proposal, Resolution
from forums.models.proposals import REASON_MAX
from forums.permissions import can_sign_for
from forums.services.proposal_notices import proposal_objection_notify
from forums.services.proposal_state import proposal_lock, require_status
from forums.services.validation import clean_text
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry


def _clean_position(position: Any, reason: Any) -> tuple[str, str]:
    if position not in PositionChoice.values:
        raise ValidationError({"position": _("Choose endorse, stand aside or object.")})
    reason = clean_text(reason, field="reason", max_length=REASON_MAX, required=False)
    if position == PositionChoice.OBJECT and not reason:
        raise ValidationError({"reason": _("An objection must give a reason.")})
    return position, reason


@records_actor
@transaction.atomic
def position_record(
    *, actor: Any, proposal: Proposal, ministry: Ministry, position: str, reason: str = ""
) -> tuple[Position, bool]:
    """Record or change a ministry's position on the current version: (position, created)."""
    if not can_sign_for(user=actor, ministry=ministry):
        raise PermissionDenied(
            _("You may not record a position for %(ministry)s.") % {"ministry": ministry}
        )
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.CONSULTATION)
    position, reason = _clean_position(position, reason)
    if not proposal.participants.filter(pk=ministry.pk).exists():
        raise ValidationError({"ministry": _("This ministry does not take part in the proposal.")})
    now = timezone.now()
    current = (
        Position.objects.current()
        .filter(proposal=proposal, version=proposal.version, ministry=ministry)
        .first()
    )
    before = {"position": current.position, "reason": current.reason} if current else None
    values = {"position": position, "reason": reason, "recorded_by": actor, "recorded_at": now}
    if current is None:
        current = Position(proposal=proposal, version=proposal.version, ministry=ministry, **values)
        current.save()
        created = True
    else:
        for field, value in values.items():
            setattr(current, field, value)
        current.save(update_fields=list(values))
        created = False
    change = PositionChange(
        proposal=proposal,
        version=proposal.version,
        ministry=ministry,
        kind=PositionChange.Kind.RECORDED,
        **values,
    )
    change.save()
    audit_record(
        actor=actor,
        kind="proposal.position_recorded",
        target=proposal,
        ministry=ministry,
        before=before,
        after={"position": position, "reason": reason, "version": proposal.version},
    )
    if position == PositionChoice.OBJECT:
        proposal_objection_notify(proposal=proposal, ministry=ministry, reason=reason)
    return current, created


@records_actor
@transaction.atomic
def objection_withdraw(
    *, actor: Any, proposal: Proposal, ministry: Ministry, explanation: Any
) -> Position:
    """The objecting ministry takes its objection back, saying why; its position is then missing.

    The objection's row is kept, marked as resolved by withdrawal; a new position may follow.
    """
    if not can_sign_for(user=actor, ministry=ministry):
        raise PermissionDenied(_("You may not act for %(ministry)s.") % {"ministry": ministry})
    explanation = clean_text(
        explanation, field="explanation", max_length=REASON_MAX, required=False
    )
    if not explanation:
        raise ValidationError({"explanation": _("Say why the objection is withdrawn.")})
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.CONSULTATION)
    current: Position | None = (
        Position.objects.current()
        .filter(
            proposal=proposal,
            version=proposal.version,
            ministry=ministry,
            position=PositionChoice.OBJECT,
        )
        .first()
    )
    if current is None:
        raise WrongState(_("The ministry has no objection to withdraw."))
    now = timezone.now()
    # Kept and marked, never deleted: the objection stays on record but no longer counts.
    current.withdrawn_at = now
    current.withdrawn_by = actor
    current.resolution = Resolution.WITHDRAWN
    current.resolution_text = explanation
    current.save(update_fields=["withdrawn_at", "withdrawn_by", "resolution", "resolution_text"])
    PositionChange.objects.create(
        proposal=proposal,
        version=proposal.version,
        ministry=ministry,
        kind=PositionChange.Kind.OBJECTION_WITHDRAWN,
        reason=explanation,
        recorded_by=actor,
        recorded_at=now,
    )
    audit_record(
        actor=actor,
        kind="proposal.objection_withdrawn",
        target=proposal,
        ministry=ministry,
        before={"position": PositionChoice.OBJECT, "reason": current.reason},
        after={"resolution": Resolution.WITHDRAWN, "explanation": explanation},
    )
    return current


def objections_answer_by_revision(*, actor: Any, proposal: Proposal, answers: Any) -> None:
    """Record, per objecting ministry, how the revision being made answers its objection.

    Called by `proposal_revise` inside its transaction, before the version changes: a bad
    answer refuses the whole revision.
    """
    if not answers:
        return
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Give one answer per objecting ministry.")})
    objections = {
        objection.ministry.abbreviation.upper(): objection
        for objection in Position.objects.current()
        .filter(proposal=proposal, version=proposal.version, position=PositionChoice.OBJECT)
        .select_related("ministry")
    }
    now = timezone.now()
    for abbreviation, text in answers.items():
        objection = objections.get(str(abbreviation).upper())
        if objection is None:
            raise ValidationError(
                {
                    "answers": _("%(ministry)s has no objection to this version to answer.")
                    % {"ministry": abbreviation}
                }
            )
        text = clean_text(text, field="answers", max_length=REASON_MAX, required=False)
        if not text:
            raise ValidationError(
                {
                    "answers": _("Say how the revision answers the objection of %(ministry)s.")
                    % {"ministry": objection.ministry.abbreviation}
                }
            )
        objection.withdrawn_at = now
        objection.withdrawn_by = actor
        objection.resolution = Resolution.ANSWERED_BY_REVISION
        objection.resolution_text = text
        objection.save(
            update_fields=["withdrawn_at", "withdrawn_by", "resolution", "resolution_text"]
        )
        audit_record(
            actor=actor,
            kind="proposal.objection_answered",
            target=proposal,
            ministry=objection.ministry,
            before={"position": PositionChoice.OBJECT, "reason": objection.reason},
            after={"resolution": Resolution.ANSWERED_BY_REVISION, "answer": text},
        )
