"""Signal handlers of media, connected in MediaConfig.ready(): tiny, the work is in tasks."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from .tasks import generate_api_renditions


def queue_api_renditions(sender: type, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """A newly uploaded image gets its API renditions in the background, after the commit."""
    if created and not kwargs.get("raw", False):
        transaction.on_commit(partial(generate_api_renditions.enqueue, instance.pk))
