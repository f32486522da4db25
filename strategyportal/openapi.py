"""OpenAPI schema additions: the error responses every endpoint can give, so that clients and
the API fuzzer know them (drf-spectacular documents only the success response)."""

from typing import Any

_ERROR_BODY = {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}
_ERRORS = {
    "400": "Bad input; the body names each field that was rejected and why.",
    "401": "Not authenticated.",
    "403": "Authenticated, but not allowed to do this.",
    "404": "No such object, or not visible to this user (also: a page number out of range).",
}


def document_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: add the standard error responses an operation does not document."""
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["401", "403"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            if method in {"get", "put", "patch", "delete"}:
                codes.append("404")
            for code in codes:
                operation["responses"].setdefault(
                    code, {"description": _ERRORS[code], "content": _ERROR_BODY}
                )
    return result
