from django.http import HttpRequest

from portfolio.audit_log.permissions import (
    audit_log_reader,
    can_view_audit_log,
    remember_audit_log_access,
)
from portfolio.fragments import cached_part

# Demo users are recognisable by their address; a real user never has one on this reserved domain.
DEMO_EMAIL_DOMAIN = "demo.invalid"


def current_person(request: HttpRequest) -> dict[str, object]:
    """The logged-in user's ministry, whether the main menu offers the audit log and whether
    demo data is present (the banner), for the header. One query reads all, with the ministry."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists

    from portfolio.models import UserProfile

    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"current_ministry": None, "may_view_audit_log": False, "demo_data_present": False}
    # On every page: kept in the cache until a table the query reads changes.
    profile = cached_part(
        "current-person",
        [user.pk],
        lambda: (
            UserProfile.objects.select_related("ministry")
            .annotate(
                audit_log_reader=audit_log_reader(),
                demo_data_present=Exists(
                    get_user_model().objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
                ),
            )
            .filter(user=user)
            .first()
        ),
    )
    if profile is not None:
        user.profile = profile
        remember_audit_log_access(user, profile.audit_log_reader)
    return {
        "current_ministry": profile.ministry if profile else None,
        "may_view_audit_log": lambda: can_view_audit_log(user),
        "demo_data_present": bool(profile and profile.demo_data_present),
    }


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    """The number on the bell in the header; evaluated only where the template uses it."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    from portfolio.models import Notification

    return {
        "unread_notifications": lambda: Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count()
    }
