"""
Cached answers of the content API after one cache round trip.

`content_api.api.http.cached_json` already decides a 304 from the content version alone and
keeps every body in the cache, but reaching it costs Django's whole middleware stack, URL
resolution, Django Ninja (authentication, parameter parsing) and four cache reads (public
channels, the expiry time, the rate counter, the version, then the body). This middleware
answers the same requests before all of that, the way the public site's page cache does
(public_site/middleware.py), with the same rules:

* The answer is kept per caller identity (no Authorization header, or the bearer token
  itself, by the cache key its resolver uses) and per path and query string, with the content
  version it was built under and the caller it was built for (channels, partner, scopes, rate
  limit). An anonymous answer is therefore never given to a keyed caller, nor one partner's to
  another.
* One pipelined round trip to Redis reads the version, the kept answer, the next expiry time,
  the caller (the public channels, or the token's cached entry and the failed-token counter of
  the client) and counts the request in the caller's rate-limit window. The answer is served
  only when all of it says the full path would give the same bytes: same version (not past an
  expiry), same caller, a token still valid, no failed-token block, within the rate limit.
  Anything else — a first request, a publication, a revoked key, a 429 — takes the full path,
  which then does not count the request a second time.
* The headers are those of the full answer as it left the inner middlewares (ETag,
  Last-Modified, Cache-Control, Vary, Cache-Tag, …), replayed; a matching If-None-Match gets a
  304 with the headers the full path gives a 304. No database query either way.

A Django middleware rather than a cache in front of the application, because the rules (the
version, the callers, the rate limit) live in the cache the application writes.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.http import HttpRequest, HttpResponse

from . import access, expiry, ratelimit, versioning

PREFIX = "/api/content/v1/"
ANSWER_KEY = "content-api:answer:{}"
ANONYMOUS = "anonymous"
# Headers of the kept 200 that a 304 of the full path does not carry.
NOT_ON_304 = {"content-type", "content-length", "cache-tag"}
# The rate-limit bucket of each token key seen by this process (a token belongs to one partner
# for life). Without it, a keyed caller's first request in a process takes the full path.
_buckets: dict[str, str] = {}
_MAX_BUCKETS = 10_000

try:  # django-redis: one pipelined round trip
    from django_redis.cache import RedisCache
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - django-redis is a dependency
    RedisCache = None
    RedisError = OSError


def _snapshot(caller: access.Caller) -> tuple:
    """What an answer depends on of its caller (the bucket of an anonymous caller is its address)."""
    return (caller.channel_ids, caller.partner_id, caller.scopes, caller.rate_limit)


def read_and_count(keys: list[str], counter: str | None) -> tuple[dict, int | None] | None:
    """
    The cached values at `keys` and, with `counter`, that rate counter after counting one more
    request: in one round trip on Redis (a pipeline), with plain cache calls elsewhere. None
    when the cache cannot be read.
    """
    # The backend itself: `cache` is Django's proxy to it, never an instance of RedisCache.
    backend = caches[DEFAULT_CACHE_ALIAS]
    if RedisCache is not None and isinstance(backend, RedisCache):
        client = backend.client
        made = [client.make_key(key) for key in keys]
        try:
            pipe = client.get_client(write=True).pipeline(transaction=False)
            pipe.mget(made)
            if counter is not None:
                counter_key = client.make_key(counter)
                pipe.set(counter_key, 0, ex=ratelimit.WINDOW + 5, nx=True)
                pipe.incr(counter_key)
            results = pipe.execute()
        except RedisError:
            return None
        found = {
            key: client.decode(value)
            for key, value in zip(keys, results[0], strict=True)
            if value is not None
        }
        return found, (int(results[-1]) if counter is not None else None)
    found = backend.get_many(keys)
    return found, (ratelimit.count(counter, ratelimit.WINDOW) if counter is not None else None)


class CachedAnswerMiddleware:
    """Serves the content API's cached answers early (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET" or not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        identity = self._identity(request)
        if identity is None:
            return self.get_response(request)
        address = f"{identity}|{request.path_info}?{request.META.get('QUERY_STRING', '')}"
        key = ANSWER_KEY.format(hashlib.sha256(address.encode()).hexdigest())
        answer = self._cached(request, identity, key)
        if answer is not None:
            return answer
        response = self.get_response(request)
        self._keep(request, identity, key, response)
        return response

    @staticmethod
    def _identity(request: HttpRequest) -> str | None:
        """ANONYMOUS, the cache key of a bearer token, or None (the full path decides)."""
        header = request.META.get("HTTP_AUTHORIZATION")
        if header is None:
            return ANONYMOUS
        tokens = access.token_cache()
        scheme, _, token = header.partition(" ")
        if tokens is None or scheme.lower() != "bearer" or not token.strip():
            return None
        return tokens.key(token.strip())

    def _cached(self, request: HttpRequest, identity: str, key: str) -> HttpResponse | None:
        now = time.time()
        keys = [versioning.VERSION_KEY, key, expiry.NEXT_EXPIRY_KEY]
        client = access.client_ip(request)
        if identity == ANONYMOUS:
            keys.append(access.PUBLIC_CHANNELS_KEY)
            bucket = f"ip:{client}"
        else:
            keys += [identity, ratelimit.key_of(access.FAILED_TOKENS_BUCKET.format(client), now)]
            bucket = _buckets.get(identity)
        read = read_and_count(keys, ratelimit.key_of(bucket, now) if bucket else None)
        if read is None:
            return None
        found, count = read
        # What the full path would read again, read in this round trip (a miss then costs the
        # SQL and one write, not four more reads): content_api.api.{auth,routers,http}.
        request.content_api_read = {
            "version": found.get(versioning.VERSION_KEY),
            "next_expiry": found.get(expiry.NEXT_EXPIRY_KEY, expiry.NEVER),
            "public_channels": found.get(access.PUBLIC_CHANNELS_KEY) if identity == ANONYMOUS else None,
            "at": now,
        }
        if count is not None:
            # Counted here: the full path uses this count instead of counting again.
            request.content_api_count = (bucket, count, now)
        partner = None
        if identity == ANONYMOUS:
            channels = found.get(access.PUBLIC_CHANNELS_KEY)
            caller = None if channels is None else (channels, None, (), settings.CONTENT_API_ANON_RATE_LIMIT)
        else:
            if int(found.get(keys[-1]) or 0) >= settings.CONTENT_API_FAILED_TOKEN_LIMIT:
                return None  # the full path refuses the client (access.caller_for_token)
            partner = access.token_cache().caller(found.get(identity)) if identity in found else None
            if partner is not None and partner.bucket != bucket:
                return None
            caller = None if partner is None else _snapshot(partner)
        if count is not None and caller is not None and count > caller[3]:
            return None  # the full path answers the 429
        version = found.get(versioning.VERSION_KEY)
        entry = found.get(key)
        if (
            caller is None
            or count is None
            or version is None
            or entry is None
            or entry["version"] != version["token"]
            or entry["caller"] != caller
            or (version["next_expiry"] is not None and now >= version["next_expiry"])
            or now >= found.get(expiry.NEXT_EXPIRY_KEY, expiry.NEVER)
        ):
            return None
        request.served_from = "content_api_cache"
        # Who was answered, as the full path records it (CORS allows this partner's origins).
        request.auth = partner
        if _etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), entry["etag"]):
            response = HttpResponse(status=304)
            for name, value in entry["headers"]:
                if name.lower() not in NOT_ON_304:
                    response[name] = value
            response["Content-Length"] = "0"
            return response
        response = HttpResponse(entry["body"])
        for name, value in entry["headers"]:
            response[name] = value
        return response

    @staticmethod
    def _keep(request: HttpRequest, identity: str, key: str, response: HttpResponse) -> None:
        built = getattr(request, "content_api_answer", None)
        if (
            built is None
            or response.status_code != 200
            or getattr(response, "streaming", False)
            or response.cookies
            or not response.has_header("ETag")
        ):
            return
        token, caller = built
        if identity != ANONYMOUS:
            if len(_buckets) >= _MAX_BUCKETS:
                _buckets.clear()
            _buckets[identity] = caller.bucket
        cache.set(
            key,
            {
                "version": token,
                "caller": _snapshot(caller),
                "etag": response["ETag"],
                "body": response.content,
                "headers": list(response.items()),
            },
            settings.CONTENT_API_RESPONSE_CACHE_SECONDS,
        )


def _etag_matches(header: str, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    return etag in [part.strip().removeprefix("W/") for part in header.split(",")]
