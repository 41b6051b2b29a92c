"""
Fixed-window submission counters, shared by every app server through the cache (Redis).

They fail closed: when the cache cannot count, `allow` raises `CountersUnavailable` and the
form answers 503 "try again shortly" (content_api.ratelimit says why reads fail open instead).
"""

from __future__ import annotations

import time

from content_api.ratelimit import count


class CountersUnavailable(Exception):
    """The shared cache cannot count submissions: refuse them for now (fail closed)."""


def allow(bucket: str, limit: int, window: int) -> bool:
    """Count one submission of `bucket`; False once more than `limit` fell in this window."""
    slot = int(time.time() // window)
    counted = count(f"engagement:rate:{bucket}:{slot}", window)
    if counted is None:
        raise CountersUnavailable(bucket)
    return counted <= limit
