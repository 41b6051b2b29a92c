"""
Prometheus metrics (prometheus-client), for a scraper of `/metrics` (README, "Production").

- `vksnd_http_request_duration_seconds{route,method,status}`: latency by URL pattern (never
  the raw path, so the series stay few), observed by vksnd.observability's middleware;
- `vksnd_task_queue_depth{queue}`: background jobs waiting for the worker (django-tasks-db);
- `vksnd_webhook_deliveries{status}`: webhook deliveries by state (failed = will retry,
  gave_up = the subscription was turned off), and `vksnd_webhook_failed_attempts_total`, every
  HTTP attempt that did not get a 2xx.

Queue depth and webhook figures are read from the database at scrape time, so they are the
same whichever app server is scraped and count the worker's work too. Latency is per process;
under gunicorn with several workers set PROMETHEUS_MULTIPROC_DIR (deploy/gunicorn.conf.py does)
and the scrape sums every worker's files.
"""

from __future__ import annotations

import hmac
import logging
import os

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

logger = logging.getLogger(__name__)

REQUEST_DURATION = Histogram(
    "vksnd_http_request_duration_seconds",
    "Time to answer an HTTP request, by URL pattern.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "other"
    REQUEST_DURATION.labels(route=route, method=method, status=f"{status // 100}xx").observe(seconds)


class DatabaseCollector:
    """Queue depth and webhook figures, read from the database when scraped."""

    def collect(self):
        up = GaugeMetricFamily("vksnd_metrics_database_up", "Whether the database figures could be read.")
        try:
            families = list(self._families())
        except Exception:
            logger.exception("metrics: the database figures could not be read")
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _families(self):
        depth = GaugeMetricFamily(
            "vksnd_task_queue_depth", "Background jobs waiting for the worker.", labels=["queue"]
        )
        if apps.is_installed("django_tasks_db"):
            task_result = apps.get_model("django_tasks_database", "DBTaskResult")
            rows = task_result.objects.ready().values_list("queue_name").annotate(n=Count("pk"))
            for queue, count in rows:
                depth.add_metric([queue], count)
        yield depth

        delivery = apps.get_model("partners", "WebhookDelivery")
        attempt = apps.get_model("partners", "WebhookAttempt")
        deliveries = GaugeMetricFamily(
            "vksnd_webhook_deliveries", "Webhook deliveries by state.", labels=["status"]
        )
        counts = dict(delivery.objects.values_list("status").annotate(n=Count("pk")))
        for status in ("pending", "succeeded", "failed", "gave_up"):
            deliveries.add_metric([status], counts.get(status, 0))
        yield deliveries
        failed = attempt.objects.exclude(Q(status_code__gte=200) & Q(status_code__lt=300)).count()
        yield CounterMetricFamily(
            "vksnd_webhook_failed_attempts", "Webhook HTTP attempts without a 2xx answer.", value=failed
        )


def exposition() -> bytes:
    """Every metric in Prometheus' text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        process_registry = CollectorRegistry()
        MultiProcessCollector(process_registry)
    else:
        process_registry = REGISTRY
    database_registry = CollectorRegistry(auto_describe=False)
    database_registry.register(DatabaseCollector())
    return generate_latest(process_registry) + generate_latest(database_registry)


def metrics_view(request: HttpRequest) -> HttpResponse:
    """`/metrics` for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`; 404 otherwise."""
    token = getattr(settings, "METRICS_TOKEN", None)
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(sent.encode(), token.encode()):
        return HttpResponse(status=404)
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
