from django.contrib import admin

from forums.models import (
    AgendaCounter,
    AgendaItem,
    AnnualWheel,
    Attachment,
    Attendance,
    CalendarToken,
    Forum,
    ForumMembership,
    ForumSeat,
    Meeting,
    Minutes,
    MinutesEntry,
    ReviewComment,
    WheelSlot,
)
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


class WheelSlotInline(admin.StackedInline):
    model = WheelSlot
    extra = 0


@admin.register(AnnualWheel)
class AnnualWheelAdmin(admin.ModelAdmin):
    list_display = ["forum", "notice_days", "papers_days", "minutes_days", "illustrative"]
    inlines = [WheelSlotInline]


@admin.register(WheelSlot)
class WheelSlotAdmin(admin.ModelAdmin):
    list_display = ["wheel", "title", "month", "week", "day", "start_time"]
    list_filter = ["wheel"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["number", "title", "presenter"]
    readonly_fields = ["number"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # numbers are taken by the service, race-free


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "forum", "starts_at", "status", "sequence"]
    list_filter = ["forum", "status", "year"]
    readonly_fields = ["uid", "sequence", "notice_sent_at", "papers_reminder_sent_at"]
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["label", "title", "meeting"]
    list_filter = ["forum", "year"]
    readonly_fields = ["forum", "year", "number"]
    filter_horizontal = ["measures"]


@admin.register(AgendaCounter)
class AgendaCounterAdmin(admin.ModelAdmin):
    list_display = ["forum", "year", "last_number"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "agenda_item", "content_type", "size", "uploaded_at"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "ministry", "status", "person"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    readonly_fields = ["token"]


class MinutesEntryInline(admin.TabularInline):
    model = MinutesEntry
    extra = 0


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "version", "status", "approved_by", "approved_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "approved_by", "approved_at", "pdf", "pdf_sha256", "corrects"]
    inlines = [MinutesEntryInline]

    def has_change_permission(self, request, obj=None):
        # Approved minutes never change, not even here.
        return not (obj and obj.is_frozen) and super().has_change_permission(request, obj)


@admin.register(MinutesEntry)
class MinutesEntryAdmin(admin.ModelAdmin):
    list_display = ["minutes", "agenda_item", "kind", "owner_ministry", "due_date"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ["minutes", "ministry", "kind", "created_at", "answered_at"]
