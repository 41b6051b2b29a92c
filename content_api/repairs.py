"""
Media left out of a projection because the store failed, put back without an operator.

`projection.sync_page` builds a document's representations inside
`media.renditions.storage_failures()`. When it had to leave something out, `record` keeps a
MediaRepair row with the next time to try; when a projection is whole, the row goes. The page
is then re-projected by itself:

- where the task backend can defer (the database worker in production), a
  `repair_document_media` task is queued for that time;
- every minute, `manage.py repair_content_media` (vksnd/scheduler.py) re-projects every document
  whose time has come: the safety net for a lost task, and the only path under a backend that
  runs tasks at once (development and tests).

The pause between attempts doubles from CONTENT_MEDIA_RETRY_SECONDS up to
CONTENT_MEDIA_RETRY_MAX_SECONDS, and attempts go on at that pace until the store answers (an
object deleted from the bucket keeps its row and its warnings until someone replaces the image).
Each attempt holds the row, so the task and the scheduler never re-project the same document
at once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from . import projection, tasks
from .models import ContentDocument, MediaRepair

logger = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """The pause after the `attempts`-th failed projection: doubling, capped."""
    base = settings.CONTENT_MEDIA_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.CONTENT_MEDIA_RETRY_MAX_SECONDS))


def record(document: ContentDocument, left_out: list[str]) -> None:
    """After a projection of `document`: note what it left out, or forget an earlier note."""
    if not left_out:
        MediaRepair.objects.filter(pk=document.pk).delete()
        return
    now = timezone.now()
    repair = MediaRepair.objects.select_for_update().filter(pk=document.pk).first()
    if repair is None:
        repair = MediaRepair(document=document, first_failed_at=now, attempts=0)
    repair.attempts += 1
    repair.left_out = sorted(set(left_out))
    repair.retry_at = now + backoff(repair.attempts)
    repair.save()
    logger.warning(
        "Content document %s projected without %s (attempt %s); next try at %s",
        document.pk,
        ", ".join(repair.left_out),
        repair.attempts,
        repair.retry_at.isoformat(),
    )
    transaction.on_commit(partial(schedule, document.pk, repair.retry_at))


def schedule(page_id: int, run_after: datetime) -> None:
    """Queue the next attempt where the task backend can defer; otherwise the scheduler's job runs it."""
    if default_task_backend.supports_defer:
        tasks.repair_document_media.using(run_after=run_after).enqueue(page_id)


def due(now: datetime | None = None) -> list[int]:
    """Documents whose next attempt has come, oldest first."""
    now = now or timezone.now()
    return list(
        MediaRepair.objects.filter(retry_at__lte=now).order_by("retry_at").values_list("pk", flat=True)
    )


def repair(page_id: int) -> bool | None:
    """
    Re-project one document waiting for its media, if its time has come and nobody else is at
    it: whether it is whole now (None when there was nothing to do).
    """
    with transaction.atomic():
        waiting = (
            MediaRepair.objects.select_for_update(skip_locked=True)
            .filter(pk=page_id, retry_at__lte=timezone.now())
            .exists()
        )
        if not waiting:
            return None
        projection.sync_page(page_id)
    return not MediaRepair.objects.filter(pk=page_id).exists()


def repair_due() -> tuple[int, int]:
    """Re-project every document whose time has come: (how many tried, how many are whole now)."""
    results = [repair(page_id) for page_id in due()]
    tried = [result for result in results if result is not None]
    return len(tried), sum(tried)
