"""Probes for orchestrators: /healthz (the process answers) and /readyz (it can do its work).

Answered by a middleware at the top of the stack, so a probe needs no login, no session, no
allowed host name and no https redirect, and never touches the session table. /readyz tells
the state of the database, the migrations and the broker, so it answers only the orchestrator:
a direct request from an address in PROBE_ALLOWED_IPS (loopback by default, where the
container's health check runs); to anyone else, and to anything forwarded by a proxy, it
does not exist.
"""

import ipaddress
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

from portfolio.broker import broker_connection

logger = logging.getLogger(__name__)
_migrations_applied = False  # Once true it stays true for the life of the process.


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _from_orchestrator(request: HttpRequest) -> bool:
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_FORWARDED" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.PROBE_ALLOWED_IPS
    )


def readyz(request: HttpRequest) -> JsonResponse:
    if not _from_orchestrator(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    checks = {"database": _database, "migrations": _migrations, "broker": _broker}
    results: dict[str, str] = {}
    for name, check in checks.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "skipped"
            continue
        try:
            results[name] = check()
        except Exception as exc:
            logger.warning("readiness check %s failed: %s", name, exc)
            results[name] = f"failed: {type(exc).__name__}"
    failed = sorted(name for name, result in results.items() if result != "ok")
    body = {"status": "fail" if failed else "ok", "failed": failed, "checks": results}
    return JsonResponse(body, status=503 if failed else 200)


def _database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migrations() -> str:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return f"failed: {len(pending)} unapplied"
        _migrations_applied = True
    return "ok"


def _broker() -> str:
    with broker_connection():
        return "ok"


PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in {"GET", "HEAD"}:
            response = probe(request)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
