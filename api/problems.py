"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the API answers has the same shape: ``type``, ``title``, ``status``, ``detail`` and,
for bad query parameters, the offending ``parameter``. Plain HTTP errors (404, 405, 429, …) use
``type: "about:blank"`` with the HTTP reason phrase as title, as RFC 9457 recommends; the two
errors specific to this API have their own type URIs (``PROBLEM_TYPES``).

The 404 body is one constant: unknown, draft, unpublished, unsigned, private and other sites'
content all answer it, so a response never tells whether something exists unsigned.
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

PROBLEM_CONTENT_TYPE = "application/problem+json"

UNKNOWN_PARAMETER = "urn:clinical-content-api:problem:unknown-parameter"
INVALID_PARAMETER = "urn:clinical-content-api:problem:invalid-parameter"
PROBLEM_TYPES = {
    UNKNOWN_PARAMETER: "A query parameter this endpoint does not take (often a typo).",
    INVALID_PARAMETER: "A query parameter with a malformed, unknown or out-of-range value.",
}

NOT_FOUND_DETAIL = "Nothing is published at this address."


def problem(status: int, detail: str, *, type_: str = "about:blank", **extra) -> dict:
    """The body of a problem response."""
    return {
        "type": type_,
        "title": _title(status, type_),
        "status": status,
        "detail": detail,
        **extra,
    }


def _title(status: int, type_: str) -> str:
    if type_ == UNKNOWN_PARAMETER:
        return "Unknown query parameter"
    if type_ == INVALID_PARAMETER:
        return "Invalid query parameter"
    return HTTPStatus(status).phrase


class ParameterProblem(exceptions.APIException):
    """A bad query parameter: 400 with the parameter's name."""

    status_code = 400

    def __init__(self, parameter: str, detail: str, *, unknown: bool = False):
        super().__init__(detail)
        self.parameter = parameter
        self.problem_type = UNKNOWN_PARAMETER if unknown else INVALID_PARAMETER


def not_found() -> exceptions.NotFound:
    return exceptions.NotFound(NOT_FOUND_DETAIL)


def _body_for(exc: exceptions.APIException, request) -> dict:
    if isinstance(exc, ParameterProblem):
        return problem(400, str(exc.detail), type_=exc.problem_type, parameter=exc.parameter)
    if isinstance(exc, exceptions.NotFound):
        return problem(404, NOT_FOUND_DETAIL)
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = request.method if request is not None else "This method"
        return problem(405, f"{method} is not allowed here: the content API is read-only.")
    if isinstance(exc, exceptions.Throttled):
        wait = f" Try again in {exc.wait:.0f} seconds." if exc.wait is not None else ""
        return problem(429, f"Too many requests.{wait}")
    detail = exc.detail
    if not isinstance(detail, str):
        detail = HTTPStatus(exc.status_code).description
    return problem(exc.status_code, str(detail))


def exception_handler(exc, context):
    """DRF exception handler: every API exception becomes a problem response.

    Anything else is a bug: it propagates (and is logged by Django) rather than being dressed up.
    """
    if isinstance(exc, Http404):
        exc = not_found()
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(max(1, round(exc.wait)))
    set_rollback()
    return Response(
        _body_for(exc, context.get("request")),
        status=exc.status_code,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_response(status: int, detail: str) -> JsonResponse:
    """A problem response outside DRF (the catch-all route)."""
    return JsonResponse(problem(status, detail), status=status, content_type=PROBLEM_CONTENT_TYPE)
