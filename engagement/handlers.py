"""Signal wiring of the public's voice: a comment changed through the admin form refreshes its page."""

from __future__ import annotations

from django.db.models.signals import post_save

from . import comments
from .models import Comment


def _comment_saved(sender, instance: Comment, created: bool, **kwargs) -> None:
    if not created:
        comments.refresh_pages([instance.page_id])


def connect() -> None:
    post_save.connect(_comment_saved, sender=Comment, dispatch_uid="engagement-comment-saved")
