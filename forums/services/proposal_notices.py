"""What the coordinator is told about proposals, and notifications that a close settles.

The coordinator hears of every objection as it is recorded and of every proposal closed
because its deadline passed. Once a proposal is closed or withdrawn, the notifications asking
for positions on it have nothing left to ask: they are marked read.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from forums.models import Proposal
from forums.records_access import proposal_title_per_reader
from portfolio.models import Ministry
from portfolio.notifications import notification_send, notifications_mark_read
from portfolio.permissions import coordinators


def _url(proposal: Proposal) -> str:
    return reverse("proposals:detail", args=[proposal.pk])


def proposal_objection_notify(*, proposal: Proposal, ministry: Ministry, reason: str) -> None:
    """Once per ministry and version: changing the reason does not send it again."""
    notification_send(
        recipients=coordinators(),
        key=f"coordinator:proposal:{proposal.pk}:v{proposal.version}:objection:{ministry.pk}",
        kind="objection",
        subject=lambda: (
            _("%(ministry)s objects to %(number)s")
            % {"ministry": ministry.abbreviation, "number": proposal.register_number}
        ),
        body=lambda: _("Reason: %(reason)s") % {"reason": reason},
        url=_url(proposal),
    )


def proposal_deadline_passed_notify(*, proposal: Proposal) -> None:
    """The body names the proposal by its title, screened for a recipient who may not read it."""
    recipients = list(coordinators())
    titles = proposal_title_per_reader(recipients, proposal)
    notification_send(
        recipients=recipients,
        key=f"coordinator:proposal:{proposal.pk}:deadline-passed",
        kind="proposal_deadline",
        subject=lambda: (
            _("The deadline of %(number)s passed: %(outcome)s")
            % {"number": proposal.register_number, "outcome": proposal.get_status_display()}
        ),
        body=lambda recipient: str(titles[recipient.pk]),
        url=_url(proposal),
    )


def proposal_notifications_settle(*, proposal: Proposal) -> int:
    """Mark read what asked for positions on a proposal that is now closed or withdrawn."""
    return notifications_mark_read(key_prefix=f"proposal:{proposal.pk}:")
