"""Sessions carry the user's session generation; a stale one is logged out."""

from collections.abc import Callable

from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse

from portfolio.accounts.models import SessionGeneration
from portfolio.fragments import cached_part, parts_forget, parts_read_ahead, reader_parts

GENERATION_KEY = "_session_generation"


def current_generation(user_id) -> int:
    # Asked on every request: kept in the cache until a "log out everywhere" writes the table.
    value = cached_part(
        "session-generation",
        [user_id],
        lambda: (
            SessionGeneration.objects.filter(user_id=user_id)
            .values_list("generation", flat=True)
            .first()
        ),
    )
    return value or 0


def stamp_session(sender, request, user, **kwargs) -> None:
    """On login: remember which generation this session belongs to."""
    if hasattr(request, "session"):
        request.session[GENERATION_KEY] = current_generation(user.pk)


class SessionGenerationMiddleware:
    """After AuthenticationMiddleware: ends sessions from before a "log out everywhere"."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user_id = request.session.get(SESSION_KEY)
        if user_id is not None:
            parts_read_ahead((name, [user_id]) for name in reader_parts())
        try:
            if user_id is not None and request.session.get(GENERATION_KEY, 0) != current_generation(
                user_id
            ):
                logout(request)
            return self.get_response(request)
        finally:
            parts_forget()
