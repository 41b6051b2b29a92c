"""
Recording changes for the change feed and the webhooks, in the transaction of the change.

On PostgreSQL, sequence values are handed out in the order transactions *insert*, not the
order they *commit*: two publishes committing at once could make event 11 visible before
event 10, and a partner polling `id > 10`... would then skip 10 for ever. Taking one
transaction-level advisory lock right before the insert makes the rest of each writing
transaction (insert → commit) run one at a time, so ids become visible in commit order.
The lock is held only for the tail of a publish, after the page itself has been written.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import connection, transaction

from content_api.models import ChangeType

from .models import ChangeEvent
from .tasks import fan_out_event

FEED_LOCK_KEY = 0x5F_C0_DE  # any constant shared by every writer of the feed


def record(
    change: str, *, kind: str, page_id: int, locale: str, before: Iterable[int], after: Iterable[int]
) -> ChangeEvent:
    if not connection.in_atomic_block:
        raise RuntimeError("Change events must be recorded inside the transaction of the change.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FEED_LOCK_KEY])
    event = ChangeEvent.objects.create(change=change, kind=kind, page_id=page_id, locale=locale)
    event.channels_before.set(list(before))
    event.channels_after.set(list(after))
    transaction.on_commit(partial(fan_out_event.enqueue, event.pk))
    return event


def record_late_deletion(*, kind: str, page_id: int, locale: str) -> ChangeEvent | None:
    """
    The deletion of an item unpublished earlier: told to the channels it was last seen in,
    as its last event recorded them; nothing when it never reached the feed or is deleted.
    """
    last = ChangeEvent.objects.filter(page_id=page_id).order_by("-id").first()
    if last is None or last.change == ChangeType.DELETED:
        return None
    seen = last.channels_before if last.change == ChangeType.UNPUBLISHED else last.channels_after
    channels = list(seen.values_list("pk", flat=True))
    return record(ChangeType.DELETED, kind=kind, page_id=page_id, locale=locale, before=channels, after=[])
