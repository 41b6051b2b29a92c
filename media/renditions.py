"""
How images and video clips appear in the API: rendition URLs in a few sizes, never an id.

These run when a page is published (the API stores the result), so a media store that is
down must not stop the publication: the failing image becomes `None` (the schemas allow
it wherever an image appears) or the clip loses its `url`, with a warning in the log; the
next publish, or `manage.py rebuild_content_documents`, fills them in again. Whoever
projects can also learn that something was left out (`storage_failures`): the content API
records it and re-projects the page by itself once the store answers again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .storage import storage_errors

logger = logging.getLogger(__name__)

# The sizes partner portals render; generated on upload (media/tasks.py) or on first use,
# then found in the `renditions` cache alias or the database, never made per request.
API_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}

# The media left out by the representations built inside `storage_failures()`.
_failures: ContextVar[list[str] | None] = ContextVar("media_storage_failures", default=None)


@contextmanager
def storage_failures() -> Iterator[list[str]]:
    """Collects what the representations built inside had to leave out (e.g. `image 12`)."""
    failures: list[str] = []
    token = _failures.set(failures)
    try:
        yield failures
    finally:
        _failures.reset(token)


def _left_out(what: str) -> None:
    failures = _failures.get()
    if failures is not None:
        failures.append(what)


def image_representation(image, alt: str | None = None) -> dict[str, Any] | None:
    """An image as URLs of its API renditions, with its alt text and size; None if unreachable."""
    try:
        renditions = image.get_renditions(*API_RENDITIONS.values())
        sizes = {
            name: {
                "url": renditions[spec].url,
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in API_RENDITIONS.items()
        }
    except storage_errors():
        logger.warning(
            "Renditions of image %s are unavailable: media storage failed", image.pk, exc_info=True
        )
        _left_out(f"image {image.pk}")
        return None
    return {
        "alt": alt or image.default_alt_text or image.title,
        "width": image.width,
        "height": image.height,
        "renditions": sizes,
    }


def _file_url(field_file) -> str | None:
    if not field_file:
        return None
    try:
        return field_file.url
    except storage_errors():
        logger.warning("URL of %s is unavailable: media storage failed", field_file.name, exc_info=True)
        _left_out(f"file {field_file.name}")
        return None


def video_representation(clip) -> dict[str, Any]:
    """A video clip: file, poster and captions URLs, and duration in seconds."""
    return {
        "title": clip.title,
        "url": _file_url(clip.file),
        "poster": image_representation(clip.poster) if clip.poster_id else None,
        "captions_url": _file_url(clip.captions),
        "duration": clip.duration_seconds,
    }
