from django.http import HttpRequest


def current_person(request: HttpRequest) -> dict[str, object]:
    """The logged-in user's ministry, for the header."""
    user = getattr(request, "user", None)
    profile = getattr(user, "profile", None) if user and user.is_authenticated else None
    return {"current_ministry": profile.ministry if profile else None}
