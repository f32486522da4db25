from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portfolio.notification_kinds import Delivery, NotificationKind


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Measures")
    # The audit event kinds this app writes, with the label the audit log shows.
    audit_kinds = {
        "assessment.recorded": _("Criteria assessment recorded"),
        "assessment.revised": _("Criteria assessment revised"),
        "benefit.changed": _("Benefit changed"),
        "benefit.created": _("Benefit added"),
        "benefit.measured": _("Benefit measured"),
        "core_group.changed": _("Core group changed"),
        "dependency.added": _("Dependency added"),
        "dependency.removed": _("Dependency removed"),
        "measure.carried_over": _("Measure carried over to the successor strategy"),
        "strategy.successor_created": _("Successor strategy created"),
        "measure.created": _("Measure created"),
        "measure.lead_changed": _("Lead ministry of the measure changed"),
        "measure.transitioned": _("Status of the measure changed"),
        "milestone.changed": _("Milestone changed"),
        "milestone.created": _("Milestone added"),
        "period.closed": _("Reporting period closed"),
        "period.opened": _("Reporting period opened"),
        "report.reminded_due_soon": _("Reminder sent: status reports due soon"),
        "report.reminded_overdue": _("Reminder sent: status reports overdue"),
        "report.revised": _("Status report revised"),
        "report.submitted": _("Status report submitted"),
        "risk.changed": _("Risk changed"),
        "risk.created": _("Risk added"),
    }

    # The notifications this app sends, as the preferences page offers them.
    notification_kinds = {
        "status_report": NotificationKind(
            _("Status reports"),
            _(
                "Reminders to the lead ministry of status reports due soon, and of those still "
                "missing after the due date."
            ),
            Delivery.EMAIL,
        ),
    }
