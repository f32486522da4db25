"""Turn the services' errors into API responses: 400 with field errors, 409 for wrong state."""

import contextlib
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

from measures.exceptions import WrongState


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


@contextlib.contextmanager
def service_errors() -> Iterator[None]:
    try:
        yield
    except ValidationError as exc:
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        raise serializers.ValidationError(detail) from exc
    except WrongState as exc:
        raise Conflict(str(exc)) from exc
