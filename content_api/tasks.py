"""Background work of the content API (django-tasks: immediate in dev/tests, DB worker in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def reproject_pages(page_ids: list[int]) -> int:
    """Re-write the API documents of pages whose representation embeds something that changed."""
    from .projection import sync_page

    return sum(1 for page_id in page_ids if sync_page(page_id) is not None)


@task()
def fan_out_event(event_id: int) -> int:
    """Create the webhook deliveries of one change event."""
    from .webhooks import fan_out

    return len(fan_out(event_id))


@task()
def deliver_webhook(delivery_id: int) -> str | None:
    """One attempt of one webhook delivery (retries are scheduled by the attempt itself)."""
    from .webhooks import deliver

    delivery = deliver(delivery_id)
    return delivery.status if delivery else None
