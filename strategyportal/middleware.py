"""Per-request context: which channel a change came through, and a request id to group events."""

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from portfolio.audit import audit_channel
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
        request.request_id = uuid.uuid4()
        token = request_id_var.set(str(request.request_id))
        try:
            with audit_channel(channel, request.request_id):
                response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = str(request.request_id)
        return response
