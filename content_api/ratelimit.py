"""A fixed-window request counter per caller, kept in the shared cache (Redis in production)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache

WINDOW = 60


@dataclass(frozen=True)
class Quota:
    allowed: bool
    limit: int
    remaining: int
    reset_in: int


def key_of(bucket: str, now: float) -> str:
    """The counter of `bucket` in the minute of `now` (it lives WINDOW + 5 seconds)."""
    return f"content-api:rate:{bucket}:{int(now // WINDOW)}"


def quota(count: int, limit: int, now: float) -> Quota:
    """The quota left after the `count`th request of the minute of `now`."""
    window = int(now // WINDOW)
    reset_in = max(1, int((window + 1) * WINDOW - now + 0.999))
    return Quota(allowed=count <= limit, limit=limit, remaining=max(0, limit - count), reset_in=reset_in)


def hit(bucket: str, limit: int) -> Quota:
    """Count one request of `bucket` in the current minute."""
    now = time.time()
    key = key_of(bucket, now)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1 if cache.add(key, 1, WINDOW + 5) else cache.incr(key)
    return quota(count, limit, now)


def peek(bucket: str) -> int:
    """How many hits `bucket` has in the current minute, without counting one."""
    window = int(time.time() // WINDOW)
    return int(cache.get(f"content-api:rate:{bucket}:{window}") or 0)


def reset_in() -> int:
    """Seconds until the current minute's counts start again."""
    now = time.time()
    return max(1, int((int(now // WINDOW) + 1) * WINDOW - now + 0.999))
