"""The API's OpenAPI description, served in bokmål and English.

- `operation_doc()` documents one operation: a summary, a description and a paragraph that
  starts with "Permissions:" and says who may call it; every string is translated.
- `PortalAutoSchema` adds the error responses an operation can give (400, 401, 403, 404), in
  the shapes the API really returns; `conflict()` and `rejected()` document a 409 or a 400
  that an operation gives besides those.
- `parameter_descriptions` describes the path and filter parameters, which the API names the
  same way everywhere (a measure by its code, a ministry by its abbreviation, …).
"""

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import TokenScheme
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.settings import api_settings

PERMISSIONS = _("Permissions:")

ANY_USER = _(
    "Any logged-in user, whatever the role (admin head of a ministry, coordinator, "
    "secretariat, measure lead or observer); nothing is hidden by role."
)


def operation_doc(*, summary: Any, description: Any, permissions: Any, **kwargs: Any):
    """`extend_schema` with the summary, the description and who may call the operation."""
    return extend_schema(
        summary=summary,
        description=format_lazy("{}\n\n**{}** {}", description, PERMISSIONS, permissions),
        **kwargs,
    )


@extend_schema_serializer(description=_("The body of the 401, 403, 404, 409 and 429 responses."))
class ErrorDetailSerializer(serializers.Serializer):
    """The body of 401, 403, 404, 409 and 429 responses."""

    detail = serializers.CharField(help_text=_("What went wrong, in the language of the request."))


class FieldErrorsSerializer(serializers.Serializer):
    """The body of a 400 response; its schema is written by `FieldErrorsExtension`."""


class FieldErrorsExtension(OpenApiSerializerExtension):
    target_class = FieldErrorsSerializer

    def map_serializer(self, auto_schema, direction):
        messages = {"type": "array", "items": {"type": "string"}}
        return {
            "type": "object",
            "description": _(
                "Each rejected field mapped to the messages that say why; a rule that spans "
                "several fields is reported under non_field_errors. A body that cannot be "
                "parsed at all gives detail instead."
            ),
            "properties": {
                "non_field_errors": {**messages, "description": _("Errors of no single field.")},
                "detail": {"type": "string", "description": _("Why the body could not be read.")},
            },
            "additionalProperties": messages,
        }


class PortalTokenScheme(TokenScheme):
    """The token scheme, described in the language of the schema."""

    priority = 0

    def get_security_definition(self, auto_schema):
        return {
            **super().get_security_definition(auto_schema),
            "description": _(
                "The user's token from POST /api/v1/auth/token/, sent as the header "
                "`Authorization: Token <key>`."
            ),
        }


def conflict(description: Any) -> OpenApiResponse:
    """A 409: the object is not in a state that allows the action."""
    return OpenApiResponse(
        ErrorDetailSerializer, description=format_lazy("{} {}", _("Wrong state:"), description)
    )


def rejected(description: Any) -> OpenApiResponse:
    """A 400 that an operation without a request body gives (a rule of the service)."""
    return OpenApiResponse(
        FieldErrorsSerializer, description=format_lazy("{} {}", _("Bad input:"), description)
    )


BAD_INPUT = _(
    "Bad input: the body names each rejected field (or non_field_errors) with the reasons."
)
BAD_FILTER = _("Bad input: a filter parameter has a value that is not allowed.")
NOT_AUTHENTICATED = _(
    "Not authenticated: the request has no valid token or session. Send the header "
    "`Authorization: Token <key>`."
)
FORBIDDEN = _(
    "Forbidden: the caller's role or ministry does not allow this (see Permissions). A request "
    "with the session cookie also needs the CSRF token."
)
NOT_FOUND = _("Not found: no such object, or one the caller may not see.")
PAGE_NOT_FOUND = _("Not found: the page number is past the last page.")

# Path and filter parameters mean the same wherever they appear in the API.
PARAMETER_DESCRIPTIONS = {
    "id": _("Numeric id of the object."),
    "abbreviation": _("Abbreviation of a ministry, e.g. FIN."),
    "lead_ministry": _("Abbreviation of the lead ministry, e.g. KDD."),
    "owner_ministry": _("Abbreviation of the owner ministry, e.g. FIN."),
    "ministry": _("Abbreviation of a ministry, e.g. FIN."),
    "code": _("Code of the measure, e.g. T1."),
    "measure": _("Code of a measure, e.g. T1."),
    "core_group": _("Code of a core group."),
    "criterion": _("Code of a criterion: A (useful), B (balanced portfolio), C (feasible)."),
    "target_area": _("Code of a target area, e.g. MO1."),
    "slug": _("Slug of the forum, e.g. strategisk-forum."),
    "forum": _("Slug of a forum, e.g. strategisk-forum."),
    "meeting": _("Numeric id of a meeting."),
    "period": _("Numeric id of a reporting period."),
    "year": _("Year, e.g. 2027."),
    "state": _("State of the object."),
    "page": format_lazy(
        _("Page number, from 1; a page holds up to {size} objects."), size=api_settings.PAGE_SIZE
    ),
}


def parameter_descriptions(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: describe the path, page and filter parameters.

    DRF describes a path id as "A unique integer value identifying this …" (half translated)
    and the page in English only; django-filter gives a filter only its choices, which stay
    after the description.
    """
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                described = PARAMETER_DESCRIPTIONS.get(parameter["name"])
                current = str(parameter.get("description", ""))
                generated = parameter["in"] == "path" or parameter["name"] == "page"
                if described is None or not (generated or not current or _choices(current)):
                    continue
                choices = current if _choices(current) else ""
                parameter["description"] = "\n\n".join(filter(None, [str(described), choices]))
    return result


def _choices(description: str) -> bool:
    return description.startswith("* `")


class PortalAutoSchema(AutoSchema):
    """Documents the error responses of every operation, unless the operation names its own.

    - 400: the operation takes a body, or a list takes filters (a value can be refused).
    - 401: every operation that needs a login.
    - 403: every write that needs a login; a read only where the view has a permission class
      beyond "logged in" (elsewhere reads are not refused, and lists are filtered).
    - 404: every operation on an object (a path parameter); a paginated list, for a page
      past the last one.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            self._add_error_responses(operation)
        return operation

    def _add_error_responses(self, operation: dict[str, Any]) -> None:
        parameters = operation.get("parameters", [])
        in_path = any(parameter["in"] == "path" for parameter in parameters)
        paginated = any(parameter["name"] == "page" for parameter in parameters)
        filters = any(p["in"] == "query" and p["name"] != "page" for p in parameters)
        public = not operation.get("security") or {} in operation["security"]
        write = self.method not in ("GET", "HEAD", "OPTIONS")
        errors: dict[str, tuple[type[Any], Any]] = {}
        if operation.get("requestBody"):
            errors["400"] = (FieldErrorsSerializer, BAD_INPUT)
        elif self.method == "GET" and not in_path and filters:
            errors["400"] = (FieldErrorsSerializer, BAD_FILTER)
        if not public:
            errors["401"] = (ErrorDetailSerializer, NOT_AUTHENTICATED)
            if write or self._refuses_reads():
                errors["403"] = (ErrorDetailSerializer, FORBIDDEN)
        if in_path:
            errors["404"] = (ErrorDetailSerializer, NOT_FOUND)
        elif paginated:
            errors["404"] = (ErrorDetailSerializer, PAGE_NOT_FOUND)
        responses = operation["responses"]
        for code, (serializer, description) in errors.items():
            if code not in responses:
                response = OpenApiResponse(serializer, description=description)
                responses[code] = self._get_response_for_code(response, code)
        operation["responses"] = dict(sorted(responses.items()))

    def _refuses_reads(self) -> bool:
        """A permission class beyond "logged in" can refuse a read too, unless it says that it
        refuses writes only (`refuses_reads = False`)."""
        return any(
            type(permission) not in (IsAuthenticated, AllowAny)
            and getattr(permission, "refuses_reads", True)
            for permission in self.view.get_permissions()
        )
