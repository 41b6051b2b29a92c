"""
/healthz, /readyz and /metrics; request ids in responses and JSON log lines.

Probes answer before the host check and the HTTPS redirect (a load balancer probes over plain
HTTP with its own Host), /readyz goes red naming the dependency that fails and nothing more,
and /metrics is only for the scraper holding the token.
"""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import CacheHandler
from django.core.files.storage import storages
from pythonjsonlogger.json import JsonFormatter

from partners.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from vksnd import health
from vksnd.observability import RequestIdFilter

METRICS_TOKEN = "scraper-token-0123456789abcdef"


def body(response) -> dict:
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


def test_healthz_answers_without_touching_the_database(client):
    # No database access is allowed in this test: a query would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert body(response) == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_green_when_database_cache_and_local_storage_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    answer = body(response)
    assert answer["status"] == "ok"
    assert {name: check["ok"] for name, check in answer["checks"].items()} == {
        "database": True,
        "cache": True,
        "storage": True,
    }
    assert answer["checks"]["storage"]["backend"] == "local"


@pytest.mark.django_db
def test_probes_skip_the_host_check_and_the_https_redirect(client, settings):
    settings.ALLOWED_HOSTS = ["cms.example.vn"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/readyz/", HTTP_HOST="10.0.0.7:8000").status_code == 200
    # Everything else still gets both.
    assert client.get("/guong-dien-hinh/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_probes_refuse_other_methods(client):
    response = client.post("/readyz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_readyz_goes_red_when_redis_is_unreachable_and_says_only_which(client, monkeypatch):
    unreachable = {
        "BACKEND": "django_redis.cache.RedisCache",
        # Nothing listens on port 1.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
    # The probe's own handler: the suite's cache stays usable for its clean-up.
    monkeypatch.setattr(health, "caches", CacheHandler({"default": unreachable}))
    response = client.get("/readyz")
    assert response.status_code == 503
    answer = body(response)
    assert answer["status"] == "unavailable"
    assert answer["checks"]["database"]["ok"] is True
    assert answer["checks"]["cache"]["ok"] is False
    assert answer["checks"]["cache"]["error"] in {"ConnectionError", "ConnectionInterrupted"}
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_goes_red_when_the_database_fails(client, monkeypatch):
    def refused():
        from django.db import OperationalError

        raise OperationalError("connection to server at 10.1.2.3 failed")

    monkeypatch.setitem(health.READINESS_CHECKS, "database", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert body(response)["checks"]["database"]["error"] == "OperationalError"
    assert "10.1.2.3" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_checks_the_s3_bucket_and_goes_red_when_the_store_stops(client, stoppable_s3):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert body(response)["checks"]["storage"]["backend"] == "s3"

    stoppable_s3.stop()
    response = client.get("/readyz")
    assert response.status_code == 503
    storage = body(response)["checks"]["storage"]
    assert storage["ok"] is False
    # One short attempt, not the media storage's retries (3 attempts of 3 s here).
    assert health.s3_probe_client(storages["default"]).meta.config.retries["total_max_attempts"] == 1
    assert storage["ms"] < 9000
    assert stoppable_s3.endpoint not in response.content.decode()


@pytest.mark.django_db
def test_readyz_goes_red_when_the_bucket_is_missing(client, s3):
    s3.client.delete_bucket_policy(Bucket=s3.bucket)
    s3.client.delete_bucket(Bucket=s3.bucket)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert body(response)["checks"]["storage"]["error"] == "ClientError"


# Request ids and logs


@pytest.mark.django_db
def test_every_answer_carries_a_request_id_and_a_proxys_well_formed_id_is_kept(client):
    first = client.get("/api/content/v1/exemplars/")["X-Request-ID"]
    second = client.get("/api/content/v1/exemplars/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second
    kept = client.get("/api/content/v1/exemplars/", HTTP_X_REQUEST_ID="edge-4f9a1c2b-77")
    assert kept["X-Request-ID"] == "edge-4f9a1c2b-77"


@pytest.mark.django_db
@pytest.mark.parametrize("forged", ["abc", "x" * 200, "id with spaces", 'id"}, {"level": "CRITICAL'])
def test_a_forged_request_id_is_replaced(client, forged):
    response = client.get("/api/content/v1/exemplars/", HTTP_X_REQUEST_ID=forged)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.fixture
def json_log():
    """The production formatter of settings.LOGGING on the request logger, into a buffer."""
    options = dict(django_settings.LOGGING["formatters"]["json"])
    options.pop("()")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("vksnd.request"), logging.getLogger("django.request")]
    previous = [(logger.level, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger, (level, _propagate) in zip(loggers, previous, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.django_db
def test_each_request_logs_one_json_line_with_its_id_route_status_and_duration(client, json_log):
    response = client.get("/api/content/v1/exemplars/?limit=1", HTTP_X_REQUEST_ID="edge-req-000123")
    [line] = json_log()
    assert line["request_id"] == response["X-Request-ID"] == "edge-req-000123"
    assert line["logger"] == "vksnd.request"
    assert line["level"] == "INFO"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["route"] == "api/content/v1/exemplars/"
    assert line["duration_ms"] >= 0
    assert "time" in line


@pytest.mark.django_db
def test_what_django_logs_about_a_request_carries_its_id_and_nothing_after_it_does(client, json_log):
    response = client.get("/api/content/v1/exemplars/91001/", HTTP_X_REQUEST_ID="edge-req-000456")
    assert response.status_code == 404
    lines = json_log()
    # django.request's "Not Found" is written after the middlewares, and still has the id.
    assert {line["logger"] for line in lines} == {"vksnd.request", "django.request"}
    assert {line["request_id"] for line in lines} == {"edge-req-000456"}
    record = logging.LogRecord("after", logging.WARNING, __file__, 1, "x", (), None)
    assert RequestIdFilter().filter(record) and record.request_id == "-"


# Metrics


def scrape(client, token=METRICS_TOKEN):
    return client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")


def sample(text: str, name: str, **labels) -> float | None:
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{key}="{value}"' in line for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


@pytest.mark.django_db
def test_metrics_are_hidden_without_the_scrapers_token(client, settings):
    settings.METRICS_TOKEN = None
    assert scrape(client).status_code == 404
    settings.METRICS_TOKEN = METRICS_TOKEN
    assert scrape(client, token="wrong").status_code == 404
    assert client.get("/metrics").status_code == 404


@pytest.mark.django_db
def test_request_latency_is_measured_by_route_not_by_path(client, settings):
    settings.METRICS_TOKEN = METRICS_TOKEN
    labels = {"route": "api/content/v1/exemplars/<int:id>/", "method": "GET", "status": "4xx"}
    before = sample(scrape(client).content.decode(), "vksnd_http_request_duration_seconds_count", **labels)
    for item_id in (91001, 91002, 91003):
        client.get(f"/api/content/v1/exemplars/{item_id}/")
    text = scrape(client).content.decode()
    after = sample(text, "vksnd_http_request_duration_seconds_count", **labels)
    assert after - (before or 0) == 3
    assert "91001" not in text


@pytest.mark.django_db
def test_task_queue_depth_and_webhook_failures_are_read_from_the_database(client, settings, make_partner):
    settings.METRICS_TOKEN = METRICS_TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from content_api.tasks import reproject_pages

    for _ in range(3):
        reproject_pages.enqueue([])
    partner, _token, _plaintext = make_partner(channel_codes=("portal",))
    subscription = WebhookSubscription.objects.create(partner=partner, url="https://partner.example.vn/hook")
    failing = WebhookDelivery.objects.create(
        subscription=subscription,
        message_id="msg_1",
        event_type="content.published",
        payload="{}",
        status="failed",
    )
    WebhookDelivery.objects.create(
        subscription=subscription,
        message_id="msg_2",
        event_type="content.published",
        payload="{}",
        status="gave_up",
    )
    WebhookAttempt.objects.create(delivery=failing, status_code=500)
    WebhookAttempt.objects.create(delivery=failing, status_code=None, error="timeout")
    WebhookAttempt.objects.create(delivery=failing, status_code=204)

    response = scrape(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert sample(text, "vksnd_metrics_database_up") == 1
    assert sample(text, "vksnd_task_queue_depth", queue="default") == 3
    assert sample(text, "vksnd_webhook_deliveries", status="failed") == 1
    assert sample(text, "vksnd_webhook_deliveries", status="gave_up") == 1
    assert sample(text, "vksnd_webhook_deliveries", status="succeeded") == 0
    assert sample(text, "vksnd_webhook_failed_attempts_total") == 2


@pytest.mark.django_db
def test_a_database_outage_does_not_break_the_scrape(client, settings, monkeypatch):
    from vksnd import metrics

    settings.METRICS_TOKEN = METRICS_TOKEN

    def broken(self):
        raise RuntimeError("database gone")
        yield

    monkeypatch.setattr(metrics.DatabaseCollector, "_families", broken)
    response = scrape(client)
    assert response.status_code == 200
    assert sample(response.content.decode(), "vksnd_metrics_database_up") == 0


@pytest.mark.django_db
def test_gunicorns_multiprocess_directory_is_read_when_set(client, settings, monkeypatch, tmp_path):
    settings.METRICS_TOKEN = METRICS_TOKEN
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    response = scrape(client)
    assert response.status_code == 200
    assert sample(response.content.decode(), "vksnd_metrics_database_up") == 1
