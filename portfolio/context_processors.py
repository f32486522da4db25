from django.http import HttpRequest


def current_person(request: HttpRequest) -> dict[str, object]:
    """The logged-in user's ministry, for the header."""
    user = getattr(request, "user", None)
    profile = getattr(user, "profile", None) if user and user.is_authenticated else None
    return {"current_ministry": profile.ministry if profile else None}


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
