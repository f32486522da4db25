from django.contrib import admin

from measures.models import CoreGroup, Measure
from portfolio.admin import HistoryAdmin


@admin.register(Measure)
class MeasureAdmin(HistoryAdmin):
    list_display = ["code", "name_nb", "lead_ministry", "status"]
    list_filter = ["status", "lead_ministry", "target_areas"]
    filter_horizontal = ["participating_ministries", "target_areas"]
    list_select_related = ["lead_ministry"]


@admin.register(CoreGroup)
class CoreGroupAdmin(HistoryAdmin):
    list_display = ["code", "name_nb", "lead_ministry", "started"]
    filter_horizontal = ["participating_ministries"]
    list_select_related = ["lead_ministry"]
