"""Every frame of an animated image counts against the pixel limit, not only the first."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.media.test_upload_safety import stored_files, upload_image

pytestmark = pytest.mark.django_db

Image = get_image_model()


def animation(fmt: str, size: tuple[int, int], frames: int) -> bytes:
    """An animation whose frames differ (identical frames would be merged when saved)."""
    images = [
        PILImage.new("RGB", size, (frame * 12 % 256, 40, 200 - frame * 9 % 200)) for frame in range(frames)
    ]
    out = io.BytesIO()
    images[0].save(out, fmt, save_all=True, append_images=images[1:], duration=100, loop=0)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "name"), [("GIF", "dong.gif"), ("WEBP", "dong.webp")])
def test_an_animation_over_the_limit_across_its_frames_is_refused(
    client, lam_dong_editor, lam_dong, media_storage, settings, fmt, name
):
    # 20 frames of 400×400: 3.2 million pixels, each frame well under the 1 million limit.
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    response = upload_image(
        client, lam_dong_editor, lam_dong.collection, animation(fmt, (400, 400), 20), name
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "quá nhiều điểm ảnh" in content and "20 khung hình" in content
    assert not Image.objects.exists()
    assert stored_files(settings, media_storage) == []


def test_an_animation_within_the_limit_is_accepted(
    client, lam_dong_editor, lam_dong, media_storage, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    response = upload_image(
        client, lam_dong_editor, lam_dong.collection, animation("GIF", (200, 200), 20), "nho.gif"
    )
    assert response.status_code == 302
    assert Image.objects.count() == 1
