from django.contrib import admin

from portfolio.accounts.models import (
    ExternalIdentity,
    NotificationDigest,
    NotificationPreference,
    SessionGeneration,
)


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Created by single sign-on; an administrator may only remove a link."""

    list_display = ["user", "issuer", "subject", "created_at", "last_login_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "issuer", "subject", "created_at", "last_login_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SessionGeneration)
class SessionGenerationAdmin(admin.ModelAdmin):
    """Read-only: "log out everywhere" raises the counter through its service."""

    list_display = ["user", "generation", "changed_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    """Read-only: each person chooses on their own page, through its service."""

    list_display = ["user", "kind", "delivery", "changed_at"]
    list_filter = ["kind", "delivery"]
    list_select_related = ["user"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationDigest)
class NotificationDigestAdmin(admin.ModelAdmin):
    """Read-only: the record of the daily digests sent, one per person and day."""

    list_display = ["recipient", "day", "sent_at"]
    list_select_related = ["recipient"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
