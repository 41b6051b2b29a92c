"""
The production path of webhook deliveries: the database task backend, two `manage.py
db_worker` processes and the every-minute `send_due_webhooks` racing them, deferred retries,
and a worker killed in the middle of a delivery.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from partners import tasks
from partners.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription
from tests.helpers.receiver import Receiver

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.heavy,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("loopback_webhooks"),
]

# Seconds a `manage.py db_worker` may take to start: about 45 on a busy 2-core machine.
WORKER_START = 90

WORKER_SETTINGS = """
from settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = {name!r}  # noqa: F405
TASKS = {{"default": {{"BACKEND": "django_tasks_db.DatabaseBackend"}}}}
WEBHOOK_ALLOW_PRIVATE_TARGETS = True
WEBHOOK_ATTEMPT_LEASE_SECONDS = 3
"""


@pytest.fixture
def database_tasks(settings):
    if connection.vendor != "postgresql":
        pytest.skip("several worker processes need PostgreSQL's row locks")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WEBHOOK_ATTEMPT_LEASE_SECONDS = 3


@pytest.fixture
def workers(tmp_path, database_tasks):
    """Start `manage.py db_worker` processes on this test's database; stop them afterwards."""
    (tmp_path / "worker_settings.py").write_text(
        WORKER_SETTINGS.format(name=django_settings.DATABASES["default"]["NAME"])
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "worker_settings",
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
    }
    started: list[subprocess.Popen] = []

    def start(count: int = 1) -> list[subprocess.Popen]:
        new = [
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for log in [(tmp_path / f"worker-{len(started) + i}.log").open("w") for i in range(count)]
        ]
        started.extend(new)
        return new

    yield start
    for log in sorted(tmp_path.glob("worker-*.log")):
        print(log.name, log.read_text()[-3000:])  # shown when the test fails
    for process in started:
        if process.poll() is None:
            process.terminate()
    for process in started:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(condition, timeout: float, cron: bool = False) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cron:
            tasks.deliver_due()  # the every-minute safety net, run as often as it can be
        if condition():
            return
        time.sleep(0.1)
    attempts = list(WebhookAttempt.objects.values_list("delivery_id", "status_code", "error"))
    deliveries = list(WebhookDelivery.objects.values_list("pk", "status", "attempts", "next_attempt_at"))
    raise AssertionError(f"timed out: {deliveries} {attempts}")


def test_two_workers_and_the_cron_send_each_scheduled_attempt_exactly_once(
    site_tree, make_partner, make_exemplar, workers
):
    with Receiver(statuses=[500, 200]) as receiver:
        partner, _token, _plaintext = make_partner(channel_codes=("portal",))
        WebhookSubscription.objects.create(partner=partner, url=receiver.url)
        workers(2)
        make_exemplar(channel_codes=("portal",))  # commits: the fan-out task is queued in the database

        def succeeded():
            return WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).exists()

        # The first attempt fails; its retry is deferred 5 s; the cron races both workers.
        wait_for(succeeded, timeout=WORKER_START + 30, cron=True)
        time.sleep(1)  # would a straggler send it again?
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 2
    assert list(delivery.attempt_log.order_by("pk").values_list("status_code", flat=True)) == [500, 200]
    assert len(receiver.requests) == 2
    assert {request["headers"]["webhook-id"] for request in receiver.requests} == {delivery.message_id}


def test_a_worker_killed_during_a_delivery_is_replaced_and_the_delivery_happens_once(
    site_tree, make_partner, make_exemplar, workers
):
    first_arrived = threading.Event()
    release = threading.Event()

    def hang_the_first(_request):
        if not first_arrived.is_set():
            first_arrived.set()
            release.wait(15)

    with Receiver(during=hang_the_first) as receiver:
        partner, _token, _plaintext = make_partner(channel_codes=("portal",))
        WebhookSubscription.objects.create(partner=partner, url=receiver.url)
        [doomed] = workers(1)
        make_exemplar(channel_codes=("portal",))
        assert first_arrived.wait(WORKER_START + 20)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(10)
        release.set()
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == DeliveryStatus.SENDING and delivery.attempt_log.count() == 0
        workers(1)  # the restart; the cron finds the delivery once the dead worker's lease is over
        wait_for(
            lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).exists(),
            timeout=WORKER_START + 20,
            cron=True,
        )
        time.sleep(1)
    delivery.refresh_from_db()
    assert delivery.attempt_log.count() == 1 and delivery.attempts == 2
    # The receiver saw the interrupted request and the one that succeeded, under one message id.
    assert len(receiver.requests) == 2
    assert {request["headers"]["webhook-id"] for request in receiver.requests} == {delivery.message_id}
