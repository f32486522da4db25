"""What the proposal and minutes pages show of the ministries' own references, and the form."""

from typing import Any

from django.urls import reverse

from forums.forms.records import ReferenceForm
from forums.models import MinistryReference, Minutes, Proposal
from forums.records_access import reference_ministry_id


def reference_context(
    user: Any, *, proposal: Proposal | None = None, minutes: Minutes | None = None, form=None
) -> dict[str, Any]:
    """The references on the proposal or minutes, and the form for an admin head's ministry."""
    if proposal is not None:
        found = MinistryReference.objects.filter(proposal=proposal)
        action = reverse("proposals:reference", args=[proposal.pk])
    elif minutes is not None:
        found = MinistryReference.objects.filter(minutes=minutes)
        action = reverse("forums:minutes-reference", args=[minutes.pk])
    else:
        return {"references": [], "reference_form": None}
    references = list(found.select_related("ministry").order_by("ministry__abbreviation"))
    ministry_id = reference_ministry_id(user)
    own = next((ref for ref in references if ref.ministry_id == ministry_id), None)
    if form is None and ministry_id is not None:
        form = ReferenceForm(initial={"reference": own.reference} if own else None)
    return {
        "references": references,
        "reference_form": form if ministry_id is not None else None,
        "reference_action": action,
    }
