"""Every error of the content API as RFC 9457 problem details, never a 500 page."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from wagtail.api.v3.errors import problem_response

from ..access import TooManyFailures

logger = logging.getLogger("content_api")


class BadParameter(Exception):
    """A query parameter the API cannot honour: which one, and why."""

    def __init__(self, param: str, reason: str):
        super().__init__(f"{param}: {reason}")
        self.param = param
        self.reason = reason


def bad_request(errors: list[dict[str, Any]]) -> HttpResponse:
    return problem_response(status=400, detail="Invalid query parameters", errors=errors)


def _param_errors(exc: NinjaValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors:
        loc = [part for part in error.get("loc", []) if part not in ("query", "path", "filters")]
        errors.append({"param": ".".join(str(p) for p in loc) or "query", "reason": error.get("msg", "")})
    return errors


def register(api) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation(request, exc):
        return bad_request(_param_errors(exc))

    @api.exception_handler(BadParameter)
    def bad_parameter(request, exc):
        return bad_request([{"param": exc.param, "reason": exc.reason}])

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = problem_response(
            status=401, detail="The bearer token is malformed, unknown, revoked or expired."
        )
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response

    @api.exception_handler(TooManyFailures)
    def too_many_failures(request, exc):
        response = problem_response(
            status=429, detail="Too many invalid bearer tokens from this client; retry later."
        )
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(status=404, detail=str(exc) or "Not found")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem_response(status=exc.status_code, detail=str(exc))

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        # Logged with its traceback for the operators; the caller gets a problem document.
        logger.exception("content API error on %s", request.get_full_path())
        if settings.DEBUG:
            raise exc
        return problem_response(status=500, detail="Internal error; it has been logged.")
