"""Running a service from a POST: bad input comes back on the form, wrong state as a message."""

from collections.abc import Callable

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.generic import TemplateView

from portfolio.page_errors import message_refusal, service_refusals


def run_action(
    request: HttpRequest, call: Callable[[], object], *, success: str, back: str
) -> HttpResponse:
    """Call the service; PermissionDenied propagates (403), other refusals become messages."""
    with service_refusals() as refused:
        call()
    if refused:
        message_refusal(request, refused)
    else:
        messages.success(request, success)
    return HttpResponseRedirect(back)


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
        with service_refusals(form) as refused:
            call(form.cleaned_data)
        if refused.wrong_state:
            message_refusal(request, refused)
            return HttpResponseRedirect(back)
        if not refused:
            messages.success(request, success)
            return HttpResponseRedirect(back)
    response = page(form)
    response.status_code = 400
    return response
