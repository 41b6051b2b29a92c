"""How images and video clips appear in the API: rendition URLs in a few sizes, never an id."""

from __future__ import annotations

from typing import Any

# The sizes partner portals render; generated once per image and cached by Wagtail.
API_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


def image_representation(image, alt: str | None = None) -> dict[str, Any]:
    """An image as URLs of its API renditions, with its alt text and size."""
    renditions = image.get_renditions(*API_RENDITIONS.values())
    return {
        "alt": alt or image.default_alt_text or image.title,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": renditions[spec].url,
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in API_RENDITIONS.items()
        },
    }


def video_representation(clip) -> dict[str, Any]:
    """A video clip: file, poster and captions URLs, and duration in seconds."""
    return {
        "title": clip.title,
        "url": clip.file.url if clip.file else None,
        "poster": image_representation(clip.poster) if clip.poster_id else None,
        "captions_url": clip.captions.url if clip.captions else None,
        "duration": clip.duration_seconds,
    }
