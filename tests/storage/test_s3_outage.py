"""
When the S3 server stops halfway: editors get the documented Vietnamese message (HTTP 503)
and nothing half-saved; a publication still succeeds and the API leaves the media out.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model

from exemplar_pages.models import ExemplarPage
from media.middleware import STORAGE_UNAVAILABLE
from media.models import VideoClip
from media.renditions import image_representation, video_representation
from tests.helpers.files import MP4_BYTES, image_bytes, make_image

pytestmark = pytest.mark.django_db

Image = get_image_model()
API = "/api/content/v1"


def test_an_exemplar_with_a_portrait_is_published_while_s3_is_down_and_the_api_answers(
    stoppable_s3, lam_dong_folder, lam_dong, public_channel
):
    portrait = make_image()
    page = ExemplarPage(
        title="Nguyễn Văn Đức (dữ liệu mẫu)",
        unit=lam_dong,
        achievement_period="2021 - 2024",
        achievements=[("achievement", "Hoàn thành xuất sắc nhiệm vụ")],
        lead="Một tấm gương tiêu biểu.",
        portrait=portrait,
        live=False,
    )
    lam_dong_folder.add_child(instance=page)
    page.channels.set([public_channel])
    stoppable_s3.stop()

    page.save_revision().publish()

    assert ExemplarPage.objects.get(pk=page.pk).live
    response = Client().get(f"{API}/exemplars/{page.pk}/")
    assert response.status_code == 200, response.content[:500]
    assert response.json()["portrait"] is None
    assert response.json()["title"] == "Nguyễn Văn Đức (dữ liệu mẫu)"


def test_media_representations_leave_out_what_the_store_cannot_give(stoppable_s3, lam_dong):
    poster = make_image()
    clip = VideoClip(title="Clip (dữ liệu mẫu)", collection=lam_dong.collection, poster=poster)
    clip.file.save("clip.mp4", ContentFile(MP4_BYTES), save=False)
    clip.save()
    stoppable_s3.stop()
    assert image_representation(poster) is None
    video = video_representation(clip)
    assert video["poster"] is None
    # Public URLs are built without asking the store, so the clip itself keeps its URL.
    assert video["url"].endswith("/clip.mp4")


def test_an_image_upload_while_s3_is_down_explains_itself_and_saves_nothing(
    stoppable_s3, client, lam_dong_editor, lam_dong
):
    stoppable_s3.stop()
    client.force_login(lam_dong_editor)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh (dữ liệu mẫu)",
            "file": SimpleUploadedFile("anh.jpg", image_bytes()),
            "collection": lam_dong.collection.pk,
        },
    )
    assert response.status_code == 503
    assert str(STORAGE_UNAVAILABLE) in response.content.decode()
    assert "Kho lưu trữ tệp tạm thời không phản hồi" in response.content.decode()
    assert not Image.objects.exists()


# Wagtail's multiple upload saves without a savepoint: as in production, the failed save must
# end a real transaction, not poison the test's own.
@pytest.mark.django_db(transaction=True)
def test_a_multiple_upload_while_s3_is_down_answers_json_the_uploader_can_show(
    stoppable_s3, client, lam_dong_editor, lam_dong
):
    stoppable_s3.stop()
    client.force_login(lam_dong_editor)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("anh.jpg", image_bytes()), "collection": lam_dong.collection.pk},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 503
    assert response.json() == {"success": False, "error_message": str(STORAGE_UNAVAILABLE)}
    assert not Image.objects.exists()


def test_a_video_upload_while_s3_is_down_explains_itself_and_saves_nothing(
    stoppable_s3, client, lam_dong_editor, lam_dong
):
    stoppable_s3.stop()
    client.force_login(lam_dong_editor)
    response = client.post(
        reverse("wagtailsnippets_media_videoclip:add"),
        {
            "title": "Clip (dữ liệu mẫu)",
            "file": SimpleUploadedFile("clip.mp4", MP4_BYTES, content_type="video/mp4"),
            "duration": "00:01:30",
            "description": "",
            "collection": lam_dong.collection.pk,
            "poster": "",
        },
    )
    assert response.status_code == 503
    assert "Kho lưu trữ tệp tạm thời không phản hồi" in response.content.decode()
    assert not VideoClip.objects.exists()
