from django.contrib import admin

from portfolio.accounts.models import ExternalIdentity, SessionGeneration


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
