"""Who may read the global audit log."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from portfolio.permissions import coordinators

VIEW_PERMISSION = {"codename": "view_auditevent", "content_type__app_label": "portfolio"}


def _readers() -> Any:
    """Users who hold the view permission (directly or through a group) or are the coordinator
    (`portfolio.permissions.coordinators`: the group, in today's coordinating ministry)."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=coordinators().values("pk"))
            | Q(**{f"user_permissions__{key}": value for key, value in VIEW_PERMISSION.items()})
            | Q(**{f"groups__permissions__{key}": value for key, value in VIEW_PERMISSION.items()})
        )
        .filter(is_active=True)
    )


def audit_log_reader(user_field: str = "user_id") -> Exists:
    """An annotation: may the user in `user_field` read the log (superusers aside)?"""
    return Exists(_readers().filter(pk=OuterRef(user_field)))


def can_view_audit_log(user: Any) -> bool:
    """Superusers, holders of `portfolio.view_auditevent` and the coordinator.

    One query for anyone but a superuser, remembered on the user object for the request;
    the header gets the answer with the user's profile (`audit_log_reader`).
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if getattr(user, "_can_view_audit_log", None) is None:
        user._can_view_audit_log = _readers().filter(pk=user.pk).exists()
    return bool(user._can_view_audit_log)


def remember_audit_log_access(user: Any, allowed: bool) -> None:
    """Keep an answer already read with another query, so that no second query asks."""
    user._can_view_audit_log = allowed


class MayViewAuditLog(BasePermission):
    """DRF: the same rule as the web page."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_view_audit_log(request.user)
