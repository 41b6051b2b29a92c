"""Background work of the content API (django-tasks: immediate in dev/tests, DB worker in production)."""

from __future__ import annotations

from django_tasks import task

from .projection import sync_page


@task()
def reproject_pages(page_ids: list[int]) -> int:
    """Re-write the API documents of pages whose representation embeds something that changed."""
    return sum(1 for page_id in page_ids if sync_page(page_id) is not None)
