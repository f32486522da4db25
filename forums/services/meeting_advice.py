"""Advice that a service forum or a core group gives in its meeting, to a proposal in
Strategisk forum: input shown beside the ministries' positions, never counted."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import Advice, Meeting, Proposal
from forums.permissions import may_give_advice
from forums.services.proposals import advice_add
from portfolio.history import records_actor
from portfolio.types import User

GIVEN_IN = (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)


@records_actor
@transaction.atomic
def advice_from_meeting(*, actor: User, meeting: Meeting, proposal: Proposal, text: str) -> Advice:
    """Record the meeting's advice on the proposal, naming the meeting it came out of."""
    if not may_give_advice(actor):
        raise PermissionDenied(_("Only the coordinator or the secretariat may add advice."))
    forum = meeting.forum
    if not forum.advisory_only:
        raise ValidationError({"meeting": _("Advice comes from a service forum.")})
    if meeting.status not in GIVEN_IN:
        raise WrongState(_("Advice is recorded from a meeting that has been held."))
    if proposal.forum_id == forum.pk or proposal.forum.advisory_only:
        raise ValidationError({"proposal": _("Choose a proposal to Strategisk forum.")})
    source = {"core_group": forum.core_group} if forum.core_group_id else {"forum": forum}
    advice = advice_add(actor=actor, proposal=proposal, text=text, **source)
    advice.meeting = meeting
    advice.save(update_fields=["meeting"])
    return advice
