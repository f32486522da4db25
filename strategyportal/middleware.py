"""Per-request context (channel and request id of changes), and URLs that name nothing."""

import uuid
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from portfolio.audit_context import audit_channel
from strategyportal.logs import request_id_var


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            channel = "api"
        elif request.path.startswith("/admin/"):
            channel = "admin"
        else:
            channel = "ui"
        request_id = uuid.uuid4()
        request.request_id = request_id  # type: ignore[attr-defined]  # read by views and logs
        token = request_id_var.set(str(request_id))
        try:
            with audit_channel(channel, request_id):
                response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = str(request_id)
        return response


class NulInPathMiddleware:
    """A NUL character in the path names nothing: 404 before a view looks anything up.

    Object names come from the path (/tiltak/<code>/, /api/v1/ministries/<abbreviation>/), and
    PostgreSQL does not compare text containing NUL: it raises an error, which would end the
    request as a server error instead of "not found".
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            raise Http404
        return self.get_response(request)


class PrivateCacheControlMiddleware:
    """Sends `Cache-Control: private, no-store` with what only its reader may see.

    That is every page of a logged-in user, every API response and every download (a file
    or a calendar feed), so that no shared cache or browser history keeps them. A view that
    chose its own caching (e.g. `private, no-cache` with an ETag) keeps its choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or request.path.startswith("/api/")
            or response.has_header("Content-Disposition")
            or response.streaming
        ):
            response["Cache-Control"] = "private, no-store"
        return response
