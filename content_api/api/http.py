"""
HTTP caching of the content API: strong ETags, 304s decided from the cache alone,
Cache-Control and Cache-Tag headers, and a response cache keyed by the content version.

Every response body is a pure function of (content version, path, query, the caller's
channels), so the ETag is a digest of exactly that and needs no database to compute.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.api.v3.errors import problem_response

from .. import ratelimit, versioning
from ..access import Caller

RESPONSE_KEY = "content-api:response:{}"
JSON = "application/json"


def _etag_matches(header: str, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = [part.strip().removeprefix("W/") for part in header.split(",")]
    return etag in candidates


def _cache_control(caller: Caller) -> str:
    if caller.is_partner:
        return f"private, max-age={settings.CONTENT_API_MAX_AGE}"
    return (
        f"public, max-age={settings.CONTENT_API_MAX_AGE}, s-maxage={settings.CONTENT_API_S_MAXAGE}, "
        f"stale-while-revalidate={settings.CONTENT_API_STALE_WHILE_REVALIDATE}"
    )


def rate_limited(caller: Caller, request=None) -> HttpResponse | None:
    # A request the cached-answer middleware already counted (content_api.middleware) is
    # not counted twice.
    counted = getattr(request, "content_api_count", None)
    if counted is not None and counted[0] == caller.bucket:
        quota = ratelimit.quota(counted[1], caller.rate_limit, counted[2])
    else:
        quota = ratelimit.hit(caller.bucket, caller.rate_limit)
    if quota.allowed:
        return None
    response = problem_response(
        status=429, detail=f"Rate limit of {quota.limit} requests per minute exceeded; retry later."
    )
    response["Retry-After"] = str(quota.reset_in)
    response["RateLimit-Limit"] = str(quota.limit)
    response["RateLimit-Remaining"] = "0"
    return response


def cached_json(request, caller: Caller, build: Callable[[], tuple[bytes, list[str]]]) -> HttpResponse:
    """
    Answer with the JSON `build()` makes, through the ETag check and the response cache.

    `build` returns the body and its cache tags; it runs only when neither the client nor
    the cache already holds this exact representation.
    """
    version = versioning.current()
    # What content_api.middleware needs to keep the final answer for a one-round-trip replay:
    # the version it was built under (taken before building) and whom it was built for.
    request.content_api_answer = (version["token"], caller)
    query = "&".join(sorted(f"{k}={v}" for k, values in request.GET.lists() for v in values))
    material = "|".join(
        [version["token"], request.path, query, ",".join(map(str, caller.channel_ids))]
    ).encode()
    digest = hashlib.sha256(material).hexdigest()
    etag = f'"{digest[:32]}"'
    headers = {
        "ETag": etag,
        "Last-Modified": formatdate(version["at"], usegmt=True),
        "Cache-Control": _cache_control(caller),
        "Vary": "Authorization, Accept-Encoding",
    }
    if _etag_matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponse(status=304)
    else:
        key = RESPONSE_KEY.format(digest)
        entry = cache.get(key)
        if entry is None:
            body, tags = build()
            entry = (body, ",".join(dict.fromkeys(tags)))
            cache.set(key, entry, settings.CONTENT_API_RESPONSE_CACHE_SECONDS)
        response = HttpResponse(entry[0], content_type=JSON)
        if entry[1]:
            headers["Cache-Tag"] = entry[1]
    for name, value in headers.items():
        response[name] = value
    return response
