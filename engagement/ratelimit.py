"""Fixed-window submission counters, shared by every app server through the cache (Redis)."""

from __future__ import annotations

import time

from django.core.cache import cache


def allow(bucket: str, limit: int, window: int) -> bool:
    """Count one submission of `bucket`; False once more than `limit` fell in this window."""
    slot = int(time.time() // window)
    key = f"engagement:rate:{bucket}:{slot}"
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1 if cache.add(key, 1, window + 5) else cache.incr(key)
    return count <= limit
