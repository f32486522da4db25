"""The one translation of the services' errors into API responses (`REST_FRAMEWORK`'s handler).

Services raise plain Python and Django exceptions; every API view lets them out and this handler
answers, so that every endpoint speaks the same way:

- `portfolio.exceptions.WrongState` → 409 `{"detail": message}`;
- Django's `ValidationError` → 400 `{field: [messages]}`, or `{"non_field_errors": [messages]}`
  when the service names no field;
- Django's `PermissionDenied` → 403 `{"detail": message}` (the service's message, else DRF's);
- everything else as DRF answers it (`Http404` → 404, DRF's own exceptions as they are).

Public names: `exception_handler` (set as `EXCEPTION_HANDLER`), `field_errors` (the body of a
400 from a Django ValidationError) and `Conflict` (the 409 exception, to raise in a view).
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from portfolio.exceptions import WrongState

__all__ = ["Conflict", "exception_handler", "field_errors"]


class Conflict(exceptions.APIException):
    """409: the object is not in a state that allows the action."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def field_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    """The body of every 400: each field (or non_field_errors) with its messages."""
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def api_exception(exc: Exception) -> Exception:
    """The DRF exception a service's exception stands for (the exception itself otherwise)."""
    if isinstance(exc, WrongState):
        return Conflict(exc.message)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(field_errors(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, after turning the services' exceptions into DRF's."""
    return drf_exception_handler(api_exception(exc), context)
