from typing import Any

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures.models import (
    Benefit,
    BenefitMeasurement,
    CoreGroup,
    CriteriaAssessment,
    MeasureDependency,
    MeasureFollowUp,
    MeasureLead,
    MeasureTransition,
    Milestone,
    ReportingPeriod,
    ReportReminder,
    Risk,
    StatusReport,
)
from measures.services.core_groups import FIELDS as GROUP_FIELDS
from measures.services.core_groups import core_group_update
from portfolio.admin import HistoryAdmin
from portfolio.admin_base import ReadOnlyAdmin, ServiceAdmin, portal_note


@admin.register(MeasureLead)
class MeasureLeadAdmin(ReadOnlyAdmin):
    """The dated lead history; changed through the portal (the coordinator's lead page)."""

    list_display = ["measure", "ministry", "valid_from", "valid_to"]
    list_select_related = ["measure", "ministry"]


@admin.register(CoreGroup)
class CoreGroupAdmin(ServiceAdmin, HistoryAdmin):
    """The mandate and status change through the service, as on the core group's page."""

    list_display = ["code", "name_nb", "lead_ministry", "status", "started"]
    filter_horizontal = ["participating_ministries"]
    list_select_related = ["lead_ministry"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # the core groups are reference data (load_reference_data)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        fields = [name for name in self.get_fields(request, obj) if name not in GROUP_FIELDS]
        note = portal_note(
            _("The mandate and the status change as on the core group's page."),
            reverse("measures:core-group-edit", args=[obj.code]) if obj else "",
            _("Core group page"),
        )
        return [
            (None, {"fields": fields}),
            (_("Mandate and status"), {"fields": GROUP_FIELDS, "description": note}),
        ]

    def save_model(self, request: Any, obj: CoreGroup, form: Any, change: bool) -> None:
        with self.refusals():
            self.save_plain(obj, form, GROUP_FIELDS)
            if set(form.changed_data) & set(GROUP_FIELDS):
                core_group_update(
                    actor=request.user,
                    group=obj,
                    **{name: getattr(obj, name) for name in GROUP_FIELDS},
                )
        obj.refresh_from_db()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        with self.refusals():
            super().save_related(request, form, formsets, change)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "due_on", "status"]
    list_filter = ["status", "year"]


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyAdmin):
    """The reminders of status reports the portal sent by itself (the beat task's ledger)."""

    list_display = ["period", "ministry", "stage", "sent_at"]
    list_filter = ["stage", "period"]
    list_select_related = ["period", "ministry"]


@admin.register(StatusReport)
class StatusReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "rag", "confidence", "ministry", "updated_at"]
    list_filter = ["rag", "period"]
    list_select_related = ["period", "measure", "core_group", "ministry"]


@admin.register(CriteriaAssessment)
class CriteriaAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["measure", "criterion", "ministry", "period", "score"]
    list_filter = ["criterion", "period", "ministry"]
    list_select_related = ["measure", "criterion", "ministry", "period"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["measure", "title", "planned_on", "forecast_on", "actual_on"]
    list_select_related = ["measure"]


@admin.register(Risk)
class RiskAdmin(ReadOnlyAdmin):
    list_display = ["measure", "title", "probability", "impact", "owner_ministry", "status"]
    list_filter = ["status", "owner_ministry"]
    list_select_related = ["measure", "owner_ministry"]


@admin.register(MeasureDependency)
class MeasureDependencyAdmin(ReadOnlyAdmin):
    list_display = ["measure", "depends_on"]
    list_select_related = ["measure", "depends_on"]


@admin.register(MeasureTransition)
class MeasureTransitionAdmin(ReadOnlyAdmin):
    list_display = ["measure", "from_status", "to_status", "decided_on", "decided_in"]
    list_select_related = ["measure"]


@admin.register(Benefit)
class BenefitAdmin(ReadOnlyAdmin):
    list_display = ["measure", "title", "indicator", "baseline", "target"]
    list_select_related = ["measure"]


@admin.register(BenefitMeasurement)
class BenefitMeasurementAdmin(ReadOnlyAdmin):
    list_display = ["benefit", "measured_on", "value"]
    list_select_related = ["benefit__measure"]


@admin.register(MeasureFollowUp)
class MeasureFollowUpAdmin(ReadOnlyAdmin):
    list_display = ["measure", "latest_rag", "latest_confidence", "open_risk_count", "updated_at"]
    list_select_related = ["measure"]


from measures import admin_measures  # noqa: E402, F401  (registers the measure admin)
