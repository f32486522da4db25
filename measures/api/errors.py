"""Turn the services' errors into API responses: 400 with field errors, 409 for wrong state."""

import contextlib
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings

from measures.exceptions import WrongState


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """The body of every 400: each field (or non_field_errors) with its messages."""
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


@contextlib.contextmanager
def service_errors() -> Iterator[None]:
    try:
        yield
    except ValidationError as exc:
        raise serializers.ValidationError(field_errors(exc)) from exc
    except WrongState as exc:
        raise Conflict(str(exc)) from exc
