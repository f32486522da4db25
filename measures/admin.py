from django.contrib import admin

from measures.models import (
    Benefit,
    BenefitMeasurement,
    CoreGroup,
    CriteriaAssessment,
    Measure,
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
from portfolio.admin import HistoryAdmin
from portfolio.admin_base import ReadOnlyAdmin


@admin.register(Measure)
class MeasureAdmin(HistoryAdmin):
    list_display = ["code", "name_nb", "lead_ministry", "status"]
    list_filter = ["status", "lead_ministry", "target_areas"]
    filter_horizontal = ["participating_ministries", "target_areas"]
    list_select_related = ["lead_ministry"]


@admin.register(MeasureLead)
class MeasureLeadAdmin(ReadOnlyAdmin):
    """The dated lead history; changed through the portal (the coordinator's lead page)."""

    list_display = ["measure", "ministry", "valid_from", "valid_to"]
    list_select_related = ["measure", "ministry"]


@admin.register(CoreGroup)
class CoreGroupAdmin(HistoryAdmin):
    list_display = ["code", "name_nb", "lead_ministry", "status", "started"]
    filter_horizontal = ["participating_ministries"]
    list_select_related = ["lead_ministry"]


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
