"""
CORS for partners' web pages that call the content API from a browser.

Each partner lists its browser origins in its admin (Partner.allowed_origins). Written by
hand rather than with django-cors-headers, because the answer depends on *who* calls, known
only once the bearer token is resolved: a partner's response allows that partner's own
origins only, so a key copied into another site's page is refused by the browser.

- Preflight (`OPTIONS` with `Access-Control-Request-Method`) carries no Authorization, so
  it is answered for the union of every active partner's origins (with `Authorization`
  allowed) and, when CONTENT_API_CORS_PUBLIC_ANY_ORIGIN is on, for any other origin
  *without* `Authorization` (public reads only). Anything else falls through to the API's
  405 problem, with no CORS header.
- Partner responses (`Cache-Control: private`) allow the request's Origin when it is one of
  that partner's, with `Vary: Origin`: no cache hands one origin's answer to another.
- Anonymous responses allow `*` when CONTENT_API_CORS_PUBLIC_ANY_ORIGIN is on: the same
  header whatever the Origin, so the CDN and the response cache stay shared; otherwise the
  request's Origin when a partner lists it, with `Vary: Origin`.
Every answer, 304s and problems included, gets its headers here, after the view; the
response cache (content_api/api/http.py) stores bodies only, never these headers.
No cookie is ever allowed (no Access-Control-Allow-Credentials): partners use bearer keys.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from content_api.access import Caller

from . import origins

API_PREFIX = "/api/content/"
PARTNER_METHODS = "GET, HEAD, POST"
PUBLIC_METHODS = "GET, HEAD"
PARTNER_HEADERS = "Authorization, Content-Type, If-None-Match, If-Modified-Since"
PUBLIC_HEADERS = "If-None-Match, If-Modified-Since"
EXPOSED = "ETag, Cache-Tag, Retry-After, RateLimit-Limit, RateLimit-Remaining"
PREFLIGHT_MAX_AGE = 600


def all_partner_origins() -> frozenset[str]:
    return frozenset().union(*origins.by_partner().values())


class ContentAPICorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        if (
            origin
            and request.method == "OPTIONS"
            and "Access-Control-Request-Method" in request.headers
            and (preflight := self.preflight(origin))
        ):
            return preflight
        response = self.get_response(request)
        self.allow(request, response, origin)
        return response

    @staticmethod
    def preflight(origin: str) -> HttpResponse | None:
        if origin in all_partner_origins():
            methods, headers = PARTNER_METHODS, PARTNER_HEADERS
        elif settings.CONTENT_API_CORS_PUBLIC_ANY_ORIGIN:
            methods, headers = PUBLIC_METHODS, PUBLIC_HEADERS
        else:
            return None
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = methods
        response["Access-Control-Allow-Headers"] = headers
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        patch_vary_headers(
            response, ["Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"]
        )
        return response

    @staticmethod
    def allow(request: HttpRequest, response: HttpResponse, origin: str | None) -> None:
        caller = getattr(request, "auth", None)
        anonymous = "HTTP_AUTHORIZATION" not in request.META
        if anonymous and settings.CONTENT_API_CORS_PUBLIC_ANY_ORIGIN:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED
            return
        patch_vary_headers(response, ["Origin"])
        if not origin:
            return
        if isinstance(caller, Caller) and caller.is_partner:
            allowed = origin in origins.by_partner().get(caller.partner_id, ())
        else:
            # Anonymous (public reads limited to partners' origins), or a refused key (401,
            # 429): a partner's page may read why.
            allowed = origin in all_partner_origins()
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSED
