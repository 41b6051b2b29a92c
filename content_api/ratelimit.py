"""
Fixed-window request counters, kept in the shared cache (Redis in production).

When the cache cannot count (Redis down: django-redis answers None with IGNORE_EXCEPTIONS,
or raises without it), `count` says so with None, and each caller decides: the content API's
reads fail open (`hit` allows the request: reads are cheap, cached, and refusing every reader
for the length of a Redis outage would take the API down with its cache), while the public
site's writes fail closed (`engagement.ratelimit.allow` refuses: an unthrottled comment or
opinion form is a spam and storage-filling vector, and a refused citizen can retry).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache

WINDOW = 60
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quota:
    allowed: bool
    limit: int
    remaining: int
    reset_in: int


def count(key: str, window: int) -> int | None:
    """Add one to the counter `key` of a `window`-second window; None if the cache cannot count."""
    try:
        try:
            value = cache.incr(key)
        except ValueError:  # no such key yet (the window's first hit)
            value = 1 if cache.add(key, 1, window + 5) else cache.incr(key)
    except Exception:  # the cache's own connection errors (redis.ConnectionError, …)
        value = None
    if value is None:
        logger.warning("rate limit counter %s unavailable: the shared cache does not answer", key)
    return value


def key_of(bucket: str, now: float) -> str:
    """The counter of `bucket` in the minute of `now` (it lives WINDOW + 5 seconds)."""
    return f"content-api:rate:{bucket}:{int(now // WINDOW)}"


def quota(count: int, limit: int, now: float) -> Quota:
    """The quota left after the `count`th request of the minute of `now`."""
    window = int(now // WINDOW)
    reset_in = max(1, int((window + 1) * WINDOW - now + 0.999))
    return Quota(allowed=count <= limit, limit=limit, remaining=max(0, limit - count), reset_in=reset_in)


def hit(bucket: str, limit: int) -> Quota:
    """Count one request of `bucket` in the current minute (fails open without the cache)."""
    now = time.time()
    return quota(count(key_of(bucket, now), WINDOW) or 0, limit, now)


def peek(bucket: str) -> int:
    """How many hits `bucket` has in the current minute, without counting one (0 without the cache)."""
    window = int(time.time() // WINDOW)
    try:
        return int(cache.get(f"content-api:rate:{bucket}:{window}") or 0)
    except Exception:
        return 0


def reset_in() -> int:
    """Seconds until the current minute's counts start again."""
    now = time.time()
    return max(1, int((int(now // WINDOW) + 1) * WINDOW - now + 0.999))
