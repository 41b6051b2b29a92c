"""Background work of the content API (django-tasks: immediate in dev/tests, DB worker in production)."""

from __future__ import annotations

from django_tasks import task

# Modules, not names: the projection notes media repairs, which queue these tasks.
from . import projection, repairs


@task()
def reproject_pages(page_ids: list[int]) -> int:
    """Re-write the API documents of pages whose representation embeds something that changed."""
    return sum(1 for page_id in page_ids if projection.sync_page(page_id) is not None)


@task()
def repair_document_media(page_id: int) -> bool | None:
    """Re-project a document published without some of its media (content_api.repairs)."""
    return repairs.repair(page_id)
