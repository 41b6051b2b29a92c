"""
Expired items leave the API and enter the change feed at the same moment.

The API stops serving a page at its `expire_at` (content_api.api.queries.visible), but
Wagtail unpublishes it only when `manage.py publish_scheduled` runs. So that partners hear
of it when it disappears, the first request of the API or of the feed after an expiry (and
`send_due_webhooks`, every minute) removes the expired documents through the projection,
which records their "unpublished" events. The next expiry time is kept in the cache, so a
request costs no query until then.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import projection
from .models import ContentDocument

NEXT_EXPIRY_KEY = projection.NEXT_EXPIRY_KEY
NEVER = float("inf")
# How long the next expiry time is trusted; sync_page forgets it at once on a publish.
NEXT_EXPIRY_TTL = 300


def forget_next_expiry() -> None:
    cache.delete(NEXT_EXPIRY_KEY)


def next_expiry(*, compute: bool = False) -> float:
    """
    The earliest expire_at among the served documents (a Unix time), or infinity. Requests
    only read the cache (no query); publishing and `expire_due` (every minute) write it.
    """
    found = cache.get(NEXT_EXPIRY_KEY)
    if found is None and not compute:
        return NEVER
    if found is None:
        first = (
            ContentDocument.objects.filter(expire_at__isnull=False)
            .order_by("expire_at")
            .values_list("expire_at", flat=True)
            .first()
        )
        found = first.timestamp() if first else NEVER
        cache.set(NEXT_EXPIRY_KEY, found, NEXT_EXPIRY_TTL)
    return found


def expire_due() -> int:
    """Remove every document whose expiry has passed, each with its feed event; how many."""
    now = timezone.now()
    removed = 0
    for pk in ContentDocument.objects.filter(expire_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            # Two requests at once: only the one holding the row removes it.
            if (
                ContentDocument.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, expire_at__lte=now)
                .exists()
            ):
                projection.remove_page(pk)
                removed += 1
    forget_next_expiry()
    next_expiry(compute=True)
    return removed


def expire_if_due(known: float | None = None) -> None:
    """
    Cheap enough for every request: a cache read until an expiry is due (none when the caller
    already read the next expiry time in this request: `known`).
    """
    if time.time() >= (next_expiry() if known is None else known):
        expire_due()
