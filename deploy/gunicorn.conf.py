"""
gunicorn's configuration for the app servers: `gunicorn --config deploy/gunicorn.conf.py vksnd.wsgi`.

Everything a deployment tunes comes from the environment (GUNICORN_*), so the container image,
the systemd unit and `make smoke-prod` share this file. Sync workers: the app is CPU-bound
Django with short database and Redis calls; scale with GUNICORN_WORKERS (2 × cores + 1 is the
usual start) and with more servers, never with threads (see `threads` below). Access lines come from the app's own JSON request log
(vksnd.observability), so gunicorn's access log is off and its error log is JSON too.
"""

import os
import shutil
from pathlib import Path


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _env_int("GUNICORN_WORKERS", (os.cpu_count() or 1) * 2 + 1)
threads = _env_int("GUNICORN_THREADS", 1)
# One request per process: Wagtail 8 defers a StreamField's required checks on draft saves by
# switching `required` off and on again on the block definitions, which every thread of a
# process shares (wagtail/blocks/field_block.py, defer_required_validation). Two editors saving
# at once in threads of one worker get a 500 ('_original_required'), or a block left optional
# for good; the reliability load test (tests/reliability/test_load.py) found it. Scale with
# GUNICORN_WORKERS instead.
if threads > 1:
    raise SystemExit(
        "GUNICORN_THREADS must be 1: Wagtail's draft validation is not thread-safe; raise GUNICORN_WORKERS."
    )
worker_class = "sync"
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so that no slow leak grows for ever; jitter avoids all at once.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 500)
# Only the reverse proxy on this host (or the load balancer's addresses) may set X-Forwarded-*.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "vksnd-cms")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
    },
}

# Prometheus: each worker writes its metrics to files in this folder and /metrics sums them
# (vksnd/metrics.py). It must be set before the workers import prometheus_client.
METRICS_DIR = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/tmp/vksnd-metrics"))  # noqa: S108


def on_starting(server):
    """A fresh folder per start: files of workers of an earlier run would be counted again."""
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    METRICS_DIR.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    """
    Load the URLconf (and with it every view module) now rather than on the first request, then
    freeze what start-up made: those objects live as long as the worker, yet every full
    collection walked all ~250,000 of them, a pause of 110-125 ms in the middle of a request
    now and then. Frozen, a full collection walks only what requests left behind (at most
    12 ms). Measured by bench/gc_pauses.py (bench/README.md, "Garbage collection").
    """
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing the views is the point
    gc.collect()
    gc.freeze()
