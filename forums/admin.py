from django.contrib import admin

from forums.models import Forum, ForumMembership, ForumSeat
from portfolio.admin import HistoryAdmin


class ForumSeatInline(admin.TabularInline):
    model = ForumSeat
    extra = 0


@admin.register(Forum)
class ForumAdmin(HistoryAdmin):
    list_display = ["code", "name_nb", "kind", "advisory_only", "secretariat"]
    filter_horizontal = ["measures"]
    prepopulated_fields = {"slug": ["name_nb"]}
    inlines = [ForumSeatInline]


@admin.register(ForumSeat)
class ForumSeatAdmin(HistoryAdmin):
    list_display = ["forum", "ministry"]
    list_filter = ["forum"]


@admin.register(ForumMembership)
class ForumMembershipAdmin(HistoryAdmin):
    list_display = ["forum", "user", "ministry", "role", "valid_from", "valid_to"]
    list_filter = ["forum", "role"]
    list_select_related = ["forum", "user", "ministry"]
