"""Running a service from a POST: bad input and wrong state come back as a message."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from forums.exceptions import WrongState


def run_action(
    request: HttpRequest, call: Callable[[], object], *, success: str, back: str
) -> HttpResponse:
    """Call the service; PermissionDenied propagates (403), other refusals become messages."""
    try:
        call()
    except WrongState as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(back)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return HttpResponseRedirect(back)
    messages.success(request, success)
    return HttpResponseRedirect(back)


def form_errors(request: HttpRequest, form: Form, back: str) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    messages.info(request, _("Nothing was saved."))
    return HttpResponseRedirect(back)
