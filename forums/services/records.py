"""Access marking of documents, requests to change it, and the ministries' own references.

Each function is the one way to make its change; each writes its audit event in the same
transaction. Bad input raises ValidationError and changes nothing.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import (
    Access,
    LegalBasis,
    MarkingChangeRequest,
    MinistryReference,
    Minutes,
    Proposal,
    Record,
)
from forums.records_access import (
    can_mark_records,
    can_request_marking_change,
    can_set_ministry_reference,
    user_ministry_id,
)
from forums.services.validation import clean_text
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.types import User

REASON_MAX = 2000
SCREENED_TITLE_MAX = 250
REFERENCE_MAX = 60


def _clean_access(access: Any) -> str:
    if access not in Access.values:
        raise ValidationError({"access": _("Choose public, exempt or partly exempt.")})
    return str(access)


def _clean_legal_basis(access: str, legal_basis: Any) -> LegalBasis | None:
    if access == Access.PUBLIC:
        return None
    if legal_basis in (None, ""):
        raise ValidationError({"legal_basis": _("An exempt document needs a legal basis.")})
    code = legal_basis.code if isinstance(legal_basis, LegalBasis) else str(legal_basis)
    found = LegalBasis.objects.filter(code=code, active=True).first()
    if found is None:
        raise ValidationError({"legal_basis": _("Unknown legal basis: choose one from the list.")})
    return found


def _snapshot(record: Record) -> dict[str, Any]:
    return {
        "access": record.access,
        "legal_basis": record.legal_basis.code if record.legal_basis is not None else None,
        "screened_title": record.screened_title,
    }


@records_actor
@transaction.atomic
def record_mark(
    *,
    actor: User,
    record: Record,
    access: str,
    legal_basis: LegalBasis | str | None = None,
    screened_title: str = "",
    reason: str = "",
) -> Record:
    """Set the access marking of a document: the secretariat or the coordinator, with a reason."""
    if not can_mark_records(actor):
        raise PermissionDenied(_("Only the secretariat and the coordinator mark documents."))
    access = _clean_access(access)
    basis = _clean_legal_basis(access, legal_basis)
    reason = clean_text(reason, field="reason", max_length=REASON_MAX)
    screened_title = (screened_title or "").strip()
    if len(screened_title) > SCREENED_TITLE_MAX:
        raise ValidationError(
            {"screened_title": _("At most %(max)d characters.") % {"max": SCREENED_TITLE_MAX}}
        )
    if access == Access.PUBLIC:
        screened_title = ""
    record = (
        Record.objects.select_for_update(of=("self",))
        .select_related("legal_basis")
        .get(pk=record.pk)
    )
    if record.archived_at is not None:
        raise WrongState(_("The document has been handed to the archive; its marking is final."))
    before = _snapshot(record)
    record.access, record.legal_basis, record.screened_title = access, basis, screened_title
    record.save(update_fields=["access", "legal_basis", "screened_title"])
    answered = MarkingChangeRequest.objects.filter(
        record=record, outcome=MarkingChangeRequest.Outcome.OPEN, access=access
    )
    for request in answered:
        request.outcome = MarkingChangeRequest.Outcome.DONE
        request.save(update_fields=["outcome"])
    audit_record(
        actor=actor,
        kind="record.marked",
        target=record,
        before=before,
        after=_snapshot(record),
        note=reason,
    )
    return record


@records_actor
@transaction.atomic
def marking_change_request(
    *, actor: User, record: Record, access: str, reason: str
) -> MarkingChangeRequest:
    """An admin head asks the secretariat and the coordinator to change a document's marking."""
    if not can_request_marking_change(actor):
        raise PermissionDenied(_("Only an admin head may ask for a change of marking."))
    ministry_id = user_ministry_id(actor)
    if ministry_id is None:
        raise PermissionDenied(_("Only an admin head may ask for a change of marking."))
    access = _clean_access(access)
    reason = clean_text(reason, field="reason", max_length=REASON_MAX)
    record = Record.objects.select_for_update().get(pk=record.pk)
    if record.archived_at is not None:
        raise WrongState(_("The document has been handed to the archive; its marking is final."))
    request = MarkingChangeRequest.objects.create(
        record=record,
        ministry_id=ministry_id,
        requested_by=actor,
        access=access,
        reason=reason,
    )
    audit_record(
        actor=actor,
        kind="record.marking_change_requested",
        target=record,
        ministry=request.ministry,
        after={"access": access},
        note=reason,
    )
    return request


@records_actor
@transaction.atomic
def ministry_reference_set(
    *,
    actor: User,
    ministry: Ministry,
    reference: str,
    proposal: Proposal | None = None,
    minutes: Minutes | None = None,
) -> MinistryReference:
    """Record or change a ministry's own case or document number; only its admin head may."""
    if not can_set_ministry_reference(actor, ministry.pk):
        raise PermissionDenied(_("Only an admin head of the ministry may record its reference."))
    # Exactly one of them: what the reference is recorded on.
    target = proposal if minutes is None else minutes if proposal is None else None
    if target is None:
        raise ValidationError(_("Give either a proposal or minutes."))
    reference = clean_text(reference, field="reference", max_length=REFERENCE_MAX)
    owner = {"proposal": proposal} if proposal is not None else {"minutes": minutes}
    found = MinistryReference.objects.select_for_update().filter(ministry=ministry, **owner)
    existing = found.first()
    before = {"reference": existing.reference} if existing else None
    if existing is None:
        existing = MinistryReference(ministry=ministry, **owner)
    existing.reference = reference
    existing.recorded_by = actor
    existing.save()
    audit_record(
        actor=actor,
        kind="record.reference_set",
        target=target,
        ministry=ministry,
        before=before,
        after={"reference": reference},
    )
    return existing
