from django.http import HttpRequest

from portfolio.audit_log.permissions import (
    audit_log_reader,
    can_view_audit_log,
    remember_audit_log_access,
)


def current_person(request: HttpRequest) -> dict[str, object]:
    """The logged-in user's ministry and whether the main menu offers the audit log, for the
    header. One query reads both, with the ministry."""
    from portfolio.models import UserProfile

    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"current_ministry": None, "may_view_audit_log": False}
    profile = (
        UserProfile.objects.select_related("ministry")
        .annotate(audit_log_reader=audit_log_reader())
        .filter(user=user)
        .first()
    )
    if profile is not None:
        user.profile = profile
        remember_audit_log_access(user, profile.audit_log_reader)
    return {
        "current_ministry": profile.ministry if profile else None,
        "may_view_audit_log": lambda: can_view_audit_log(user),
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


# Demo users are recognisable by their address; a real user never has one on this reserved domain.
DEMO_EMAIL_DOMAIN = "demo.invalid"
DEMO_DATA_CACHE_KEY = "portfolio:demo-data-present"


def demo_data_present() -> bool:
    """Whether seed_demo's users exist; cached for a minute so a page costs no extra query."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    return cache.get_or_set(
        DEMO_DATA_CACHE_KEY,
        lambda: get_user_model().objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").exists(),
        timeout=60,
    )


def demo_data(request: HttpRequest) -> dict[str, object]:
    """Whether the demo data (made by seed_demo) is present, so every page says so plainly."""
    return {"demo_data_present": demo_data_present}
