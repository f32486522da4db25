"""What the question before each irreversible forum action says will happen."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from forums.models import FollowUpAction, Meeting, Minutes, MinutesEntry, Proposal
from portfolio.confirm import Confirmation


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def meeting_cancel(meeting: Meeting) -> Confirmation:
    return Confirmation(
        title=_("Cancel the meeting %(title)s on %(when)s?")
        % {"title": meeting.title, "when": _when(meeting.starts_at)},
        consequences=[
            _("This year's meeting is marked as cancelled; the agenda and papers are kept."),
            _("Calendars that subscribe to the forum show the meeting as cancelled."),
            _("The annual wheel keeps the slot for the years to come."),
        ],
        undo=_("You can reinstate the meeting from its page as long as it has not started."),
        confirm_label=_("Cancel the meeting"),
        back=reverse("forums:meeting-detail", args=[meeting.pk]),
        back_label=_("Keep the meeting"),
    )


def proposal_close(proposal: Proposal) -> Confirmation:
    return Confirmation(
        title=_("Close %(number)s and compute the outcome?") % {"number": proposal},
        consequences=[
            _("No ministry can record or change its position any more."),
            _("The proposal is endorsed only if every participating ministry agrees."),
            _("Ministries that have not answered count as standing aside (silent consent).")
            if proposal.silent_consent
            else _("A ministry that has not answered stops the proposal from being endorsed."),
            _("The outcome is entered in the decision register."),
        ],
        confirm_label=_("Close the proposal"),
        back=reverse("proposals:detail", args=[proposal.pk]),
        back_label=_("Keep it open"),
    )


def proposal_withdraw(proposal: Proposal) -> Confirmation:
    return Confirmation(
        title=_("Withdraw %(number)s?") % {"number": proposal},
        consequences=[
            _("The proposal is withdrawn for good and gets no outcome."),
            _("Positions already recorded stay in the history but count for nothing."),
            _("To take the matter up again, make a new proposal."),
        ],
        confirm_label=_("Withdraw the proposal"),
        back=reverse("proposals:detail", args=[proposal.pk]),
        back_label=_("Keep the proposal"),
    )


def _open_action_cancelled(entry: MinutesEntry) -> list[str]:
    open_action = FollowUpAction.objects.filter(
        minutes_entry=entry, state=FollowUpAction.State.OPEN
    )
    if entry.kind != MinutesEntry.Kind.FOLLOW_UP or not open_action.exists():
        return []
    return [_("Its open follow-up action is cancelled; the owning ministry sees why.")]


def entry_delete(entry: MinutesEntry) -> Confirmation:
    return Confirmation(
        title=_("Remove this entry from the minutes?"),
        consequences=[
            f"{entry.get_kind_display()}, {entry.agenda_item.label}: {entry.text[:200]}",
            _("The entry disappears from the draft; the audit log keeps a record of it."),
            *_open_action_cancelled(entry),
        ],
        confirm_label=_("Remove the entry"),
        back=reverse("forums:minutes", args=[entry.minutes.meeting_id]),
        back_label=_("Keep the entry"),
    )


def minutes_approve(minutes: Minutes) -> Confirmation:
    return Confirmation(
        title=_("Approve the minutes of %(meeting)s?") % {"meeting": minutes.meeting.title},
        consequences=[
            _("The minutes are frozen and stored as a PDF with your name and ministry."),
            _("No entry can be changed or commented on any more."),
            _("A later change needs a correction, which makes a new version."),
        ],
        confirm_label=_("Approve the minutes"),
        back=reverse("forums:minutes", args=[minutes.meeting_id]),
        back_label=_("Not now"),
    )
