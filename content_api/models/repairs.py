"""
Documents projected without some of their media because the media store failed.

A publication never waits for the store (media/renditions.py): the image becomes `None`, the
clip loses its URL. Such a document gets one row here, and content_api.repairs re-projects it
by itself, with a growing pause between attempts, until the store answers and the row goes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .documents import ContentDocument


class MediaRepair(models.Model):
    """One document waiting for the media it was published without."""

    document = models.OneToOneField(
        ContentDocument, primary_key=True, on_delete=models.CASCADE, related_name="media_repair"
    )
    # What was left out at the last attempt ("image 12", "file public/video/…/clip.mp4").
    left_out = models.JSONField(default=list)
    first_failed_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)
    retry_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("bản công bố thiếu ảnh, video")
        verbose_name_plural = _("bản công bố thiếu ảnh, video")

    def __str__(self) -> str:
        return f"{self.document_id}: {', '.join(self.left_out)}"
