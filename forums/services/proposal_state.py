"""A proposal read under its row lock and the check of its status, for the proposal services."""

from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import Proposal
from portfolio.strategy_closing import ensure_year_changeable
from portfolio.types import User


def proposal_lock(proposal: Proposal, *, actor: User | None) -> Proposal:
    """Re-read the proposal under a row lock: every change to it is serialised here.

    A proposal of a closed strategy period is read-only, save for the secretariat's corrections."""
    proposal = Proposal.objects.select_for_update().select_related("forum").get(pk=proposal.pk)
    ensure_year_changeable(actor=actor, years=[proposal.year])
    return proposal


def require_status(proposal: Proposal, *statuses: str) -> None:
    if proposal.status not in statuses:
        raise WrongState(
            _("Not possible while the proposal is %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
