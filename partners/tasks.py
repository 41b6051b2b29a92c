"""
Background work of partner sync (django-tasks: immediate in development and tests, the
database worker in production): the deliveries of a change, and each delivery attempt.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction
from django_tasks import default_task_backend, task

from . import webhooks
from .models import DeliveryStatus


def schedule(delivery_id: int, run_after: datetime | None = None) -> None:
    """Queue a delivery attempt; deferred where the task backend can defer."""
    if run_after is None:
        deliver_webhook.enqueue(delivery_id)
    elif default_task_backend.supports_defer:
        deliver_webhook.using(run_after=run_after).enqueue(delivery_id)
    # Otherwise `manage.py send_due_webhooks` (run every minute) picks it up when due.


def schedule_on_commit(delivery_id: int) -> None:
    transaction.on_commit(partial(schedule, delivery_id))


@task()
def fan_out_event(event_id: int) -> int:
    """Create the webhook deliveries of one change event and queue their first attempts."""
    with transaction.atomic():
        deliveries = webhooks.fan_out(event_id)
        for delivery in deliveries:
            schedule_on_commit(delivery.pk)
    return len(deliveries)


def attempt_and_reschedule(delivery_id: int) -> str | None:
    """One attempt; a failure that will be retried is queued for its next time."""
    delivery = webhooks.deliver(delivery_id)
    if delivery is not None and delivery.status == DeliveryStatus.FAILED:
        schedule(delivery.pk, run_after=delivery.next_attempt_at)
    return delivery.status if delivery else None


@task()
def deliver_webhook(delivery_id: int) -> str | None:
    """One attempt of one webhook delivery (retries are scheduled after a failure)."""
    return attempt_and_reschedule(delivery_id)


def deliver_due() -> int:
    """Attempt every delivery whose time has come (the scheduler's safety net); how many ran."""
    return sum(1 for pk in webhooks.due_deliveries() if attempt_and_reschedule(pk) is not None)
