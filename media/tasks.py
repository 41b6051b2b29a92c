"""Background work of media: the API renditions of a new image, made once, off the request."""

from __future__ import annotations

import logging

from django_tasks import task
from wagtail.images import get_image_model

from .renditions import API_RENDITIONS
from .storage import storage_errors

logger = logging.getLogger(__name__)


@task()
def generate_api_renditions(image_id: int) -> int:
    """Make (or find) the API renditions of one image; they land in the `renditions` cache."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return len(image.get_renditions(*API_RENDITIONS.values()))
    except storage_errors():
        # Made on first use instead (at publication), when the store answers again.
        logger.warning("Could not pre-generate the renditions of image %s", image_id, exc_info=True)
        return 0
