"""Domain errors and the one JSON error shape: {code, status, message, errors}."""

from http import HTTPStatus

from werkzeug.exceptions import HTTPException

# Machine-readable codes for the statuses the API answers with.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class DomainError(Exception):
    """An error a service raises for the API to turn into a response."""

    status = 400

    def __init__(self, message: str, errors: dict | None = None, headers: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.headers = headers or {}


class BadRequest(DomainError):
    status = 400


class Unauthorized(DomainError):
    status = 401


class Forbidden(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class PreconditionFailed(DomainError):
    status = 412


class UnsupportedMediaType(DomainError):
    status = 415


class Invalid(DomainError):
    status = 422


class PreconditionRequired(DomainError):
    status = 428


class Unavailable(DomainError):
    status = 503


def error_body(status: int, message: str, errors: dict | None = None) -> dict:
    """Build the error payload every endpoint uses."""
    return {
        "code": CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_")),
        "status": status,
        "message": message,
        "errors": errors or {},
    }


def _flatten_locations(messages) -> dict:
    """Merge webargs' per-location messages ({"json": {...}, "query": {...}}) into one dict."""
    if not isinstance(messages, dict):
        return {"body": messages}
    errors = {}
    for location, value in messages.items():
        if isinstance(value, dict):
            errors.update(value)
        else:
            errors["body" if location == "json" else location] = value
    return errors


def http_error_body(error: HTTPException):
    """Render a werkzeug HTTPException in the one error shape."""
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or _flatten_locations(data.get("messages") or {})
    message = data.get("message")
    if not message:
        if status == 422:
            message = "The request has invalid fields; see errors."
        elif status == 400 and errors:
            message = "The request body is not valid JSON."
        else:
            message = error.description or HTTPStatus(status).phrase
    headers = dict(data.get("headers") or {})
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    return error_body(status, message, errors), status, headers


def domain_error_response(error: DomainError):
    """Render a DomainError in the one error shape."""
    return error_body(error.status, error.message, error.errors), error.status, error.headers
