"""State changes of measures. Each is one function that checks, writes and records."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from measures.models import Measure
from portfolio import roles
from portfolio.audit import audit_record


def _may_change_status(user, measure: Measure) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser or user.groups.filter(name=roles.COORDINATOR).exists():
        return True
    # The admin head of the lead ministry signs for it.
    return user.has_perm("portfolio.sign_for_ministry", measure.lead_ministry)


@transaction.atomic
def measure_status_set(*, actor, measure: Measure, status: str) -> Measure:
    """Move a measure to another status (proposed, assessed, …, completed, stopped).

    The coordinator, a superuser, or the admin head of the lead ministry may do it.
    """
    measure = Measure.objects.select_for_update().select_related("lead_ministry").get(pk=measure.pk)
    if not _may_change_status(actor, measure):
        raise PermissionDenied
    if status not in Measure.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    before = measure.status
    if before == status:
        return measure
    measure.status = status
    measure._history_user = actor  # the acting user also outside a request (tasks)
    measure.save(update_fields=["status"])
    audit_record(
        actor=actor,
        kind="measure.status_set",
        target=measure,
        ministry=measure.lead_ministry,
        before={"status": before},
        after={"status": status},
    )
    return measure
