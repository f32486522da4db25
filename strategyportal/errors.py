"""Error pages: say why in the reader's language, in the site's layout, with a way on.

Django answers a request body over DATA_UPLOAD_MAX_MEMORY_SIZE, or with more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS or files than DATA_UPLOAD_MAX_NUMBER_FILES, with a bare
"Bad Request (400)". This handler says what was too much and that nothing was saved: a page,
or JSON under /api/. A URL under /api/ that matches no route gets the API's JSON 404.
A refused permission shows the service's reason where it gave one; a failed CSRF check says that
the form expired and nothing was saved.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied

API_PREFIX = "/api/"


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: 413 for a body that is too large, else 400, with a readable reason."""
    status = 400
    if isinstance(exception, RequestDataTooBig):
        status = 413
        message = _(
            "The form sent more than %(size)s of text (attached files not counted). "
            "Nothing was saved."
        ) % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    elif isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        message = _("The form sent too many fields or files. Nothing was saved.")
    else:
        message = _("The request could not be understood. Nothing was saved.")
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "400.html", {"message": message}, status=status)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A URL that matches no route: {"detail": ...} for API clients, the 404 page for people."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: the reason a service gave (already translated), else the general one."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": str(ApiPermissionDenied.default_detail)}, status=403)
    reason = str(exception) if exception and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form expired or cookies are blocked; nothing was saved."""
    if request.path.startswith(API_PREFIX):
        message = _("The CSRF check failed: the form expired or cookies are blocked.")
        return JsonResponse({"detail": message}, status=403)
    return render(request, "403_csrf.html", status=403)
