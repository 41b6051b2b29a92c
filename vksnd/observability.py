"""
Request ids, the per-request log line and the request-latency metric.

Each request gets an id: the reverse proxy's `X-Request-ID` when it is well-formed (so one id
follows a request from the proxy through every app server's log), otherwise a new one. The id
is returned in the `X-Request-ID` header, kept in a context variable for the duration of the
request and added to every log record by `RequestIdFilter` (settings LOGGING), so JSON log
lines of one request can be found together. One INFO line per request ("vksnd.request") carries
method, route, status and duration; gunicorn's own access log is off (deploy/gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from vksnd import metrics

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy may hand us: short, printable, no spaces (anything else could forge log lines).
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@-]{8,128}$")
_request_id: ContextVar[str] = ContextVar("request_id", default="-")

request_logger = logging.getLogger("vksnd.request")


def current_request_id() -> str:
    """The id of the request being served ("-" outside a request)."""
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (the formatters of settings.LOGGING print it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


def route_of(request: HttpRequest, response: HttpResponse) -> str:
    """A bounded label for the metric: the URL pattern that answered, never the raw path."""
    served_from = getattr(request, "served_from", None)
    if served_from:
        # An answer kept in the cache and served before URL resolution (content_api.middleware).
        return served_from
    match = getattr(request, "resolver_match", None)
    if match is not None:
        if match.view_name == "wagtail_serve":
            return "wagtail_serve"
        return match.route or match.view_name or "unnamed"
    if response.get("X-Page-Cache"):
        # The public page cache answers before URL resolution (public_site/middleware.py).
        return "public_page_cache"
    return "unresolved"


class RequestObservabilityMiddleware:
    """Request id, one log line and the latency histogram per request (first in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed (request_finished), so that what Django logs after
        # the middlewares ("Not Found: …" of django.request) carries the id too.
        _request_id.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        duration = time.perf_counter() - started
        route = route_of(request, response)
        response[REQUEST_ID_HEADER] = request_id
        metrics.observe_request(route, request.method, response.status_code, duration)
        request_logger.info(
            "%s %s %s",
            request.method,
            route,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 2),
            },
        )
        return response


@receiver(request_finished, dispatch_uid="vksnd.observability.forget_request_id")
def forget_request_id(**kwargs) -> None:
    _request_id.set("-")
