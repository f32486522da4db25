from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from portfolio.admin_base import ReadOnlyAdmin
from portfolio.models import (
    AuditEvent,
    CoordinationPeriod,
    Criterion,
    Ministry,
    Notification,
    OutboxMessage,
    Strategy,
    TargetArea,
    UserProfile,
)


class HistoryAdmin(SimpleHistoryAdmin):
    """Shows each object's field history; history is never edited or reverted here."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class TargetAreaInline(admin.TabularInline):
    model = TargetArea
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(HistoryAdmin):
    list_display = ["code", "title_nb", "period_start", "period_end", "closed_at"]
    inlines = [TargetAreaInline, CriterionInline]
    # Closing and succession go through their services (audited), never through the admin.
    readonly_fields = ["predecessor", "closed_at", "closed_by"]


@admin.register(TargetArea)
class TargetAreaAdmin(HistoryAdmin):
    list_display = ["code", "name_nb", "position"]


@admin.register(Criterion)
class CriterionAdmin(HistoryAdmin):
    list_display = ["code", "name_nb", "strategy"]


@admin.register(Ministry)
class MinistryAdmin(HistoryAdmin, GuardedModelAdmin):  # type: ignore[misc]  # stubs: template name types differ
    list_display = ["abbreviation", "name_nb", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["abbreviation", "name_nb", "name_en"]


@admin.register(CoordinationPeriod)
class CoordinationPeriodAdmin(HistoryAdmin):
    list_display = ["ministry", "valid_from", "valid_to"]


@admin.register(UserProfile)
class UserProfileAdmin(HistoryAdmin):
    list_display = ["user", "ministry", "job_title"]
    list_filter = ["ministry"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "ministry"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail is written by services and never edited. Its view permission is the
    portal's own audit log permission, so the admin shows it to the same readers."""

    list_display = ["occurred_at", "kind", "actor_label", "ministry", "channel", "target_label"]
    list_filter = ["kind", "channel", "ministry"]
    search_fields = ["actor_label", "target_label", "note"]
    date_hierarchy = "occurred_at"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "subject", "read_at", "emailed_at"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__username"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: messages are written by services; operators can only push pending ones."""

    list_display = ["task", "key", "created_at", "sent_at", "attempts"]
    list_filter = ["task", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "task"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["publish"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Publish the selected pending messages now"))
    def publish(self, request, queryset):
        from portfolio.outbox import outbox_publish

        sent = sum(outbox_publish(pk=pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            _("%(sent)d of %(total)d published.") % {"sent": sent, "total": queryset.count()},
        )


# The login models' admin lives beside them.
from portfolio.accounts import admin as accounts_admin  # noqa: E402, F401
