"""Remind the ministries that have not taken a position before a proposal's deadline."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forums.models import Position, Proposal
from forums.permissions import active_delegations
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.notifications import notification_send
from portfolio.permissions import admin_heads_of

REMINDER_LEAD = datetime.timedelta(days=2)


@records_actor
def proposals_remind_missing(
    *, now: datetime.datetime | None = None, lead: datetime.timedelta = REMINDER_LEAD
) -> int:
    """Notify each participating ministry still without a position, once per proposal version.

    Goes to the ministry's admin head and active deputies when the deadline is within `lead`.
    Safe to repeat and to run twice at once: each proposal is locked while its reminders are
    stored, and the notification key (proposal, version, ministry) is sent once.
    """
    now = now or timezone.now()
    sent = 0
    due = Proposal.objects.filter(
        status=Proposal.Status.CONSULTATION, deadline__gt=now, deadline__lte=now + lead
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=pk)
            if proposal.status != Proposal.Status.CONSULTATION:
                continue  # Closed meanwhile.
            answered = Position.objects.current().filter(
                proposal=proposal, version=proposal.version, ministry=OuterRef("pk")
            )
            missing = proposal.participants.exclude(Exists(answered)).order_by("abbreviation")
            for ministry in missing:
                sent += _remind(proposal, ministry)
    return sent


def _remind(proposal: Proposal, ministry: Ministry) -> int:
    deputies = [d.delegate for d in active_delegations().filter(ministry=ministry)]
    recipients = {user.pk: user for user in [*admin_heads_of([ministry]), *deputies]}
    created = notification_send(
        recipients=recipients.values(),
        key=f"proposal:{proposal.pk}:v{proposal.version}:reminder:{ministry.abbreviation}",
        kind="proposal",
        subject=lambda: (
            _("Reminder: %(number)s awaits the position of %(ministry)s")
            % {"number": proposal.register_number, "ministry": ministry.abbreviation}
        ),
        body=lambda: (
            _("Deadline: %(deadline)s")
            % {"deadline": date_format(timezone.localtime(proposal.deadline), "DATETIME_FORMAT")}
        ),
        url=proposal.get_absolute_url(),
    )
    if created:
        audit_record(
            actor=None,
            kind="proposal.reminded",
            target=proposal,
            ministry=ministry,
            after={"version": proposal.version, "recipients": len(created)},
        )
    return len(created)
