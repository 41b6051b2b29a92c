"""
`/healthz`, `/readyz` and `/metrics`, answered before anything else (first in MIDDLEWARE).

- `/healthz`: the process answers (liveness). Touches nothing else.
- `/readyz`: the database, the shared cache (Redis) and the media store (S3) answer
  (readiness): 200 when all do, 503 naming the failing one otherwise; a load balancer takes the
  server out of rotation while it is red.
- `/metrics`: vksnd.metrics, for a scraper holding METRICS_TOKEN.

They come before SecurityMiddleware and the host check on purpose: a load balancer probes over
plain HTTP with its own Host header, and must get the answer, not a redirect or a 400. They are
not logged per request (probes every few seconds would drown the log). The answers say which
check failed and the exception's class, never an address or a message.
"""

from __future__ import annotations

import functools
import json
import logging
import time
import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connections
from django.http import HttpRequest, HttpResponse

from vksnd.metrics import metrics_view

logger = logging.getLogger(__name__)

# Short timeouts of the store check: a probe must answer within the load balancer's timeout.
S3_PROBE_CONNECT_TIMEOUT = 1
S3_PROBE_READ_TIMEOUT = 2


def check_database() -> str:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    return ", ".join(connections)


def check_cache() -> str:
    cache = caches["default"]
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was written")
    cache.delete(key)
    return type(cache).__name__


@functools.lru_cache(maxsize=4)
def s3_probe_client(storage):
    """A client of the storage's bucket with the probe's short timeouts and a single attempt."""
    # Only with S3, whose backend has loaded botocore already; not at module level, so that a
    # process without S3 never loads it (tests/vksnd/test_startup_imports.py).
    from botocore.config import Config

    config = Config(
        connect_timeout=S3_PROBE_CONNECT_TIMEOUT,
        read_timeout=S3_PROBE_READ_TIMEOUT,
        retries={"total_max_attempts": 1, "mode": "standard"},
    )
    if storage.client_config is not None:
        config = storage.client_config.merge(config)
    session = storage._create_session()
    return session.client(
        "s3", endpoint_url=storage.endpoint_url, region_name=storage.region_name, config=config
    )


def check_storage() -> str:
    storage = storages["default"]
    bucket = getattr(storage, "bucket_name", None)
    if not bucket:
        return "local"
    s3_probe_client(storage).head_bucket(Bucket=bucket)
    return "s3"


READINESS_CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
}


def readiness() -> tuple[bool, dict]:
    results, ready = {}, True
    for name, check in READINESS_CHECKS.items():
        started = time.perf_counter()
        try:
            detail = check()
        except Exception as exc:
            ready = False
            logger.warning("readyz: %s is not reachable", name, exc_info=True)
            results[name] = {"ok": False, "error": type(exc).__name__}
        else:
            results[name] = {"ok": True, "backend": detail}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return ready, results


def _json(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    return _json(200, {"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    ready, checks = readiness()
    return _json(200 if ready else 503, {"status": "ok" if ready else "unavailable", "checks": checks})


PROBES = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics_view}


class HealthCheckMiddleware:
    """Answers the probes and the scraper before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info.rstrip("/") or "/")
        if probe is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return probe(request)
