"""Running a service from a POST: bad input comes back on the form, wrong state as a message."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.generic import TemplateView

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


def apply_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form: next to its field, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def page_with(
    view_class: type[TemplateView], request: HttpRequest, url_kwargs: dict, name: str, **extra
) -> Callable[[Form], HttpResponse]:
    """Renders the page of `view_class` again with the sent form (and its errors) as `name`."""

    def render(form: Form) -> HttpResponse:
        view = view_class()
        view.setup(request, **url_kwargs)
        return view.render_to_response(view.get_context_data(forms={**extra, name: form}))

    return render


def run_form(
    request: HttpRequest,
    form: Form,
    call: Callable[[dict], object],
    *,
    success: str,
    back: str,
    page: Callable[[Form], HttpResponse],
) -> HttpResponse:
    """Call the service with the form's clean data and go back, or show the form again.

    Bad input, whether the form or the service finds it, comes back on the form next to its
    field with status 400 and nothing saved; a wrong state is a message on the page.
    """
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except WrongState as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(back)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return HttpResponseRedirect(back)
    response = page(form)
    response.status_code = 400
    return response
