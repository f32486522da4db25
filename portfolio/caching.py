"""Cached pages and API lists, keyed by a data version that every committed change moves on.

Every service records an audit event in its transaction; `audit_record` calls `data_changed`,
which gives the data a new version at once (so the writer's own next page is fresh) and again
when the transaction commits (so nothing another request cached between the two survives).
A cached response is keyed by that version and by everything the page depends on: the user and
their session (so per-user content is never served to anyone else), the CSRF cookie (the page
carries a token for it), the language, the path with its query, the htmx target and the day
(pages that say what is overdue or due today do not outlive midnight). Responses carry an ETag
of the same key, so a browser that has the page gets 304 Not Modified.
Only with a cache all processes share (settings.PAGE_CACHE, on when CACHE_URL is set).
"""

import functools
import hashlib
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "portal:data-version"
# Bounds how long a page may reflect a change made outside the services (e.g. a role
# given in the admin); changes through the services show at once.
TIMEOUT = settings.PAGE_CACHE_SECONDS


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or ""
    return version


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def data_changed() -> None:
    """Call inside the transaction that changes data the pages show."""
    _new_version()
    transaction.on_commit(_new_version)


def _has_pending_messages(request: HttpRequest) -> bool:
    # A page shows and consumes them; a cached or 304 page would lose them.
    return "messages" in request.COOKIES or "_messages" in getattr(request, "session", {})


def response_key(request: HttpRequest, user, *, variant: str = "page") -> str | None:
    """The cache key of this GET for this user, or None when it must not be cached."""
    if not settings.PAGE_CACHE:
        return None
    if request.method != "GET" or not getattr(user, "is_authenticated", False):
        return None
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if variant == "page" and not csrf:
        return None  # the page's forms would carry a token for a cookie the browser lacks
    session = getattr(request, "session", None)
    session_key = session.session_key if session is not None else ""
    if _has_pending_messages(request):
        return None
    parts = [
        data_version(),
        str(user.pk),
        session_key or "",
        csrf,
        get_language() or "",
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        variant,
        timezone.localdate().isoformat(),
    ]
    return "portal:response:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def etag_of(key: str) -> str:
    return f'"{key[-32:]}"'


def not_modified(request: HttpRequest, etag: str) -> bool:
    sent = request.headers.get("If-None-Match", "")
    return etag in [tag.strip() for tag in sent.split(",")]


def revalidate(response: HttpResponse, etag: str) -> HttpResponse:
    """The headers of a cached or cacheable response: kept by the browser, asked about first."""
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


def cached_page(
    view: Callable | None = None, *, unless: Callable[[HttpRequest], bool] | None = None
) -> Callable:
    """Serve the view's page from the cache for the same user, session, language and data.

    `unless(request)` true: the request is answered afresh (e.g. a page that follows the
    progress of a background task)."""
    if view is None:
        return functools.partial(cached_page, unless=unless)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = (
            None if unless is not None and unless(request) else response_key(request, request.user)
        )
        if key is None:
            return view(request, *args, **kwargs)
        etag = etag_of(key)
        if not_modified(request, etag):
            return revalidate(HttpResponseNotModified(), etag)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], content_type=stored["content_type"])
            return revalidate(response, etag)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        cache.set(
            key, {"content": response.content, "content_type": response["Content-Type"]}, TIMEOUT
        )
        return revalidate(response, etag)

    return wrapper


def cached_api_response(request, compute: Callable):
    """An API answer (a DRF Response) from the cache for the same user, query and data
    version, with an ETag (304 when the client has it). Only JSON is cached; the browsable
    API renders forms for the session and is left alone."""
    from rest_framework.response import Response

    key = None
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.format == "json":
        key = response_key(request, request.user, variant="api")
    if key is None:
        return compute()
    etag = etag_of(key)
    if not_modified(request, etag):
        return revalidate(Response(status=304), etag)
    data = cache.get(key)
    if data is None:
        response = compute()
        if response.status_code != 200:
            return response
        data = response.data
        cache.set(key, data, TIMEOUT)
    return revalidate(Response(data), etag)


def cached_api(method: Callable) -> Callable:
    """For an API view's `get(self, request, ...)`: its answer through `cached_api_response`."""

    @functools.wraps(method)
    def wrapper(self, request, *args, **kwargs):
        return cached_api_response(request, lambda: method(self, request, *args, **kwargs))

    return wrapper


class CachedListMixin:
    """For API viewsets: the list through `cached_api_response`."""

    def list(self, request, *args, **kwargs):
        return cached_api_response(
            request, lambda: super(CachedListMixin, self).list(request, *args, **kwargs)
        )
