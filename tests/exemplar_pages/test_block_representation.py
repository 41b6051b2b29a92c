"""Body blocks give partners what they can render: rendition URLs, file URLs, never bare ids."""

import datetime

import pytest
import wagtail_factories
from django.core.files.base import ContentFile

from exemplar_pages.blocks import StoryBlock
from media.models import VideoClip
from media.renditions import API_RENDITIONS
from tests.helpers.files import MP4_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory(title="Lễ ký kết (dữ liệu mẫu)", file__width=1200, file__height=800)


def represent(stream_data):
    block = StoryBlock()
    return block.get_api_representation(block.to_python(stream_data))


def test_an_image_block_gives_rendition_urls_in_every_api_size_and_its_alt_text(image):
    [item] = represent(
        [{"type": "image", "value": {"image": image.pk, "alt": "", "caption": "Chú thích", "credit": "BBT"}}]
    )
    value = item["value"]
    assert value["image"]["alt"] == "Lễ ký kết (dữ liệu mẫu)"
    assert set(value["image"]["renditions"]) == set(API_RENDITIONS)
    assert all(r["url"].startswith("/media/images/") for r in value["image"]["renditions"].values())
    assert value["image"]["renditions"]["thumbnail"]["width"] == 400
    assert (value["caption"], value["credit"]) == ("Chú thích", "BBT")
    assert "id" not in value["image"]


def test_a_gallery_gives_each_image_its_renditions(image):
    [item] = represent(
        [
            {
                "type": "gallery",
                "value": {
                    "title": "Bộ ảnh",
                    "images": [{"image": image.pk, "alt": "Ảnh 1", "caption": "", "credit": ""}],
                },
            }
        ]
    )
    [first] = item["value"]["images"]
    assert first["image"]["alt"] == "Ảnh 1"
    assert first["image"]["renditions"]["large"]["url"]


def test_a_video_block_gives_file_poster_and_duration(image):
    clip = VideoClip(title="Clip mẫu", poster=image, duration=datetime.timedelta(minutes=2, seconds=5))
    clip.file.save("clip.mp4", ContentFile(MP4_BYTES), save=False)
    clip.save()
    [item] = represent([{"type": "video", "value": {"clip": clip.pk, "caption": ""}}])
    video = item["value"]["clip"]
    assert video["url"].endswith(".mp4")
    assert video["duration"] == 125
    assert video["poster"]["renditions"]["medium"]["url"]
