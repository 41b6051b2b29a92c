"""
Alternative texts are written into the page, so that English editions translate them.

An image's alternative text used to be taken, when the editor left it empty, from the image
itself (its description, else its title) at the moment the API projected the page. That text
was Vietnamese in the English edition too, since wagtail-localize translates only what the
page holds. So a Vietnamese page now keeps the text in its own fields when it is saved: an
empty alternative text of an image block (and of the exemplar's portrait) takes the image's
description, where the editor sees and may improve it, and wagtail-localize offers it to the
translator like every other string of the page.

When the editor swaps the image and the text was still the former image's own description,
the new image's description replaces it; a text the editor wrote stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wagtail.fields import StreamField

from .blocks import StoryBlock

MAX_LENGTH = 255


def image_default_text(image) -> str:
    return (image.default_alt_text or "").strip()[:MAX_LENGTH]


def _image_values(stream_value) -> Iterator[tuple[str, Any]]:
    """(block id, struct value) of each image of a story body, galleries included."""
    for child in stream_value or []:
        if child.block_type == "image":
            yield child.id, child.value
        elif child.block_type == "gallery":
            for item in child.value["images"].bound_blocks:
                yield item.id, item.value


def filled(alt: str, image, former_image, former_alt: str) -> str:
    """The alternative text to keep for `image`: the editor's own, or the image's description."""
    alt = (alt or "").strip()
    if image is None:
        return alt
    swapped = former_image is not None and former_image.pk != image.pk
    if not alt or (swapped and alt == (former_alt or "").strip() and alt == image_default_text(former_image)):
        return image_default_text(image)
    return alt


def fill_body(stream_value, former_value=None) -> None:
    """Give every image of a story body its alternative text (in place)."""
    former = {
        block_id: (value.get("image"), value.get("alt", ""))
        for block_id, value in _image_values(former_value)
    }
    for block_id, value in _image_values(stream_value):
        former_image, former_alt = former.get(block_id, (None, ""))
        value["alt"] = filled(value.get("alt", ""), value.get("image"), former_image, former_alt)


def story_fields(page) -> list[str]:
    return [
        field.name
        for field in page._meta.get_fields()
        if isinstance(field, StreamField) and isinstance(field.stream_block, StoryBlock)
    ]


def fill_page(page) -> None:
    """Alternative texts of a source-language page's images, before it is saved."""
    names = story_fields(page)
    pairs = getattr(page, "image_alt_fields", ())
    if not names and not pairs:
        return
    former = type(page).objects.filter(pk=page.pk).first() if page.pk else None
    for name in names:
        fill_body(getattr(page, name), getattr(former, name, None))
    for image_field, alt_field in pairs:
        image = getattr(page, image_field)
        former_image = getattr(former, image_field, None)
        setattr(
            page,
            alt_field,
            filled(getattr(page, alt_field), image, former_image, getattr(former, alt_field, ""))
            if image
            else "",
        )
