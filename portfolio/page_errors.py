"""The one translation of the services' errors for the web pages (the API's is `api_errors`).

- Django's `PermissionDenied` is let through: Django answers 403 with the portal's page.
- Django's `ValidationError` (bad input) goes onto the form, next to its field or else above the
  form, and the page shows the form again (status 400), nothing saved.
- `portfolio.exceptions.WrongState` becomes an error message on the page the user goes back to
  (or an error above the form, where the page keeps the user on the form).

Public names: `service_refusals(form=None)`, a context manager that runs the service call and
answers with a `Refusal` (falsy when the service did its work); `apply_errors(form, exc)`, which
puts a ValidationError onto a form; and `message_refusal(request, refusal)`, which shows the
refusal as error messages.
"""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest

from portfolio.exceptions import WrongState

__all__ = ["Refusal", "apply_errors", "message_refusal", "service_refusals"]


@dataclass
class Refusal:
    """What a service refused: bad input or a wrong state, with its messages (none if done)."""

    bad_input: bool = False
    wrong_state: bool = False
    messages: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.bad_input or self.wrong_state

    @property
    def message(self) -> str:
        return " ".join(self.messages)


def apply_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form: next to its field, else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@contextlib.contextmanager
def service_refusals(form: Form | None = None) -> Iterator[Refusal]:
    """Run the service call in the block; a refusal is caught and described, never raised.

    With a form, bad input is also put onto it (`apply_errors`).
    """
    refusal = Refusal()
    try:
        yield refusal
    except WrongState as exc:
        refusal.wrong_state = True
        refusal.messages = [exc.message]
    except ValidationError as exc:
        refusal.bad_input = True
        refusal.messages = list(exc.messages)
        if form is not None:
            apply_errors(form, exc)


def message_refusal(request: HttpRequest, refusal: Refusal) -> None:
    """Show each of the refusal's messages as an error on the next page."""
    for text in refusal.messages:
        messages.error(request, text)
