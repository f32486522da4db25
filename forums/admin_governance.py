"""The governance of measures and the decisions behind status changes, shown read-only: they
are set through the portal's services (the measure page and the API)."""

from django.contrib import admin

from forums.models import MeasureDecision, MeasureGovernance
from portfolio.admin_base import ReadOnlyAdmin


@admin.register(MeasureGovernance)
class MeasureGovernanceAdmin(ReadOnlyAdmin):
    list_display = ["measure", "forum", "participation", "reporting_cadence"]
    list_select_related = ["measure", "forum"]


@admin.register(MeasureDecision)
class MeasureDecisionAdmin(ReadOnlyAdmin):
    list_display = ["transition", "proposal"]
    list_select_related = ["transition__measure", "proposal__forum"]
