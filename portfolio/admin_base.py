"""Base classes of every app's admin: read-only pages, and rows filtered as the portal does."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet


class PortalVisibleAdmin(admin.ModelAdmin):
    """Shows a staff user only the rows the portal would show them.

    The admin is no side door: lists, change pages and history all start from
    `get_queryset`, so a row the portal hides is "not found" here too.
    """

    def portal_visible(self, request: Any, queryset: QuerySet) -> QuerySet:
        return queryset

    def get_queryset(self, request: Any) -> QuerySet:
        return self.portal_visible(request, super().get_queryset(request))


class ReadOnlyAdmin(PortalVisibleAdmin):
    """Data written only through the portal's services (with permission checks and audit
    events); the admin shows it and never adds, changes or deletes it."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
