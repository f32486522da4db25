"""OpenAPI schema additions: the error responses every endpoint can give, so that clients and
the API fuzzer know them (drf-spectacular documents only the success response)."""

from typing import Any

_ERROR_BODY = {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}
_ERRORS = {
    "400": "Bad input; the body names each field that was rejected and why.",
    "401": "Not authenticated.",
    "403": "Authenticated, but not allowed to do this.",
    "404": "No such object, or not visible to this user (also: a page number out of range).",
    "409": "The object is not in a state that allows this (e.g. closing a closed proposal).",
    "429": "Too many attempts from this address, or the account is locked for now.",
}
# Operations whose callers are rate-limited or locked out (django-axes) besides the above.
_THROTTLED = {"/api/v1/auth/token/"}


def document_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: add the standard error responses an operation does not document."""
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["401", "403"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            if method in {"get", "put", "patch", "delete"} or "{" in path:
                codes.append("404")
            if method in {"post", "put", "patch", "delete"} and path not in _THROTTLED:
                codes.append("409")
            if path in _THROTTLED:
                codes.append("429")
            for code in codes:
                operation["responses"].setdefault(
                    code, {"description": _ERRORS[code], "content": _ERROR_BODY}
                )
    return result
