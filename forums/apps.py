from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portfolio.notification_kinds import Delivery, NotificationKind


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")
    # The audit event kinds this app writes, with the label the audit log shows.
    audit_kinds = {
        "agenda_item.attachment_added": _("Attachment added to an agenda item"),
        "agenda_item.created": _("Agenda item added"),
        "delegation.granted": _("Signing delegated"),
        "delegation.revoked": _("Delegation revoked"),
        "measure.governance_changed": _("Governance of the measure changed"),
        "meeting.attendance_set": _("Attendance recorded"),
        "meeting.cancelled": _("Meeting cancelled"),
        "meeting.held": _("Meeting held"),
        "meeting.materialised": _("Meeting created from the annual wheel"),
        "meeting.minutes_reminded": _("Reminder about the minutes sent"),
        "meeting.notice_sent": _("Notice of meeting sent"),
        "meeting.papers_reminded": _("Reminder about the meeting papers sent"),
        "meeting.reinstated": _("Cancelled meeting reinstated"),
        "meeting.rescheduled": _("Meeting rescheduled"),
        "follow_up.cancelled": _("Follow-up action cancelled"),
        "follow_up.created": _("Follow-up action created"),
        "follow_up.detached": _("Follow-up action's entry removed from the minutes"),
        "follow_up.done": _("Follow-up action done"),
        "follow_up.reminded_due_soon": _("Follow-up action reminder: due soon"),
        "follow_up.reminded_overdue": _("Follow-up action reminder: overdue"),
        "follow_up.reopened": _("Follow-up action reopened"),
        "minutes.approval_recorded": _("A ministry answered for the minutes"),
        "minutes.approval_reminded": _("Reminder to answer for the minutes sent"),
        "minutes.approved": _("Minutes approved"),
        "minutes.comment_answered": _("Review comment answered"),
        "minutes.commented": _("Review comment on the minutes"),
        "minutes.correction_started": _("Correction of the minutes started"),
        "minutes.created": _("Minutes started"),
        "minutes.entry_added": _("Entry added to the minutes"),
        "minutes.entry_deleted": _("Entry removed from the minutes"),
        "minutes.entry_edited": _("Entry of the minutes edited"),
        "minutes.submitted": _("Minutes sent for review"),
        "proposal.advice_added": _("Advice added to a proposal"),
        "proposal.closed": _("Proposal closed"),
        "proposal.created": _("Proposal drafted"),
        "proposal.escalated": _("Proposal escalated"),
        "proposal.memo_added": _("Memo added to a proposal"),
        "proposal.objection_withdrawn": _("Objection withdrawn"),
        "proposal.objection_answered": _("Objection answered by a revision"),
        "proposal.opened": _("Proposal opened for consultation"),
        "proposal.position_recorded": _("Position recorded"),
        "proposal.reminded": _("Reminder about a missing position sent"),
        "proposal.revised": _("Proposal revised"),
        "proposal.withdrawn": _("Proposal withdrawn"),
        "record.marked": _("Access marking of a document changed"),
        "record.marking_change_requested": _("Change of an access marking requested"),
        "record.reference_set": _("A ministry's own reference recorded"),
        "record.registered": _("Document registered in the journal"),
        "records.extraction_done": _("Archive extraction written"),
        "records.extraction_failed": _("Archive extraction failed"),
        "records.extraction_started": _("Archive extraction started"),
        "wheel.seeded": _("Annual wheel set up"),
        "wheel.changed": _("Deadlines of the annual wheel changed"),
        "wheel.slot_added": _("Meeting added to the annual wheel"),
        "wheel.slot_changed": _("Meeting of the annual wheel changed"),
        "wheel.slot_removed": _("Meeting taken off the annual wheel"),
        "forum.settings_changed": _("Chair or mandate of a forum changed"),
        "forum.seat_added": _("Ministry given a seat in a forum"),
        "forum.seat_removed": _("Ministry's seat in a forum removed"),
        "forum.member_added": _("Person added to a forum"),
        "forum.member_removed": _("Person removed from a forum"),
        "forum.member_changed": _("Role of a person in a forum changed"),
        "user.calendar_feed_rotated": _("Calendar address changed"),
        "user.calendar_feed_revoked": _("Calendar address revoked"),
    }

    # The notifications this app sends, as the preferences page offers them.
    notification_kinds = {
        "meeting": NotificationKind(
            _("Meetings"), _("Notices of meetings and reminders about papers and minutes due.")
        ),
        "minutes": NotificationKind(
            _("Minutes for review"),
            _("Minutes open for review, reminders to answer, and requests for changes."),
        ),
        "proposal": NotificationKind(
            _("Proposals"),
            _("Proposals that await your ministry's position, and reminders before the deadline."),
        ),
        "objection": NotificationKind(
            _("Objections"), _("A ministry objects to a proposal (for the coordinator).")
        ),
        "proposal_deadline": NotificationKind(
            _("Deadlines passed"),
            _("The deadline of a proposal passed, with its outcome (for the coordinator)."),
            Delivery.DIGEST,
        ),
        "follow_up": NotificationKind(
            _("Follow-up actions"),
            _("Follow-up actions of your ministry that are due soon or overdue."),
            Delivery.DIGEST,
        ),
    }

    def ready(self) -> None:
        from forums.permissions import DELEGATED_PART
        from portfolio.fragments import reader_part_register

        reader_part_register(DELEGATED_PART)
        from forums.decisions import EndorsedProposals
        from measures.decisions import decision_gate_register

        decision_gate_register(EndorsedProposals())
        from forums.reporting_cadence import GovernedCadence
        from measures.reporting_due import reporting_cadence_register

        reporting_cadence_register(GovernedCadence())
        from forums.selectors.follow_up import owner_recipients
        from measures.reminder_recipients import reminder_recipients_register

        reminder_recipients_register(owner_recipients)
        from forums.views.governance import governance_section
        from measures.sections import measure_section_register

        measure_section_register(
            template="forums/partials/_measure_governance.html", context=governance_section
        )
        from forums.services.calendar_tokens import (
            account_calendar_context,
            revoke_on_logout_everywhere,
        )
        from portfolio.accounts.sections import account_section_register
        from portfolio.accounts.signals import logged_out_everywhere

        logged_out_everywhere.connect(
            revoke_on_logout_everywhere, dispatch_uid="forums.calendar_tokens.logout_everywhere"
        )
        account_section_register(
            template="forums/partials/_account_calendar.html", context=account_calendar_context
        )
        from forums.services.governance import on_measure_carried_over
        from measures.signals import measure_carried_over

        measure_carried_over.connect(
            on_measure_carried_over, dispatch_uid="forums.governance.measure_carried_over"
        )
