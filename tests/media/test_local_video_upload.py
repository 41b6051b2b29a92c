"""With local storage the clip form's script posts the clip alone first (to show its progress); the form claims it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media.models import VideoClip
from tests.factories import UserFactory
from tests.media.test_video_clips import ADD, MP4_BYTES

pytestmark = pytest.mark.django_db

LOCAL = "media_video_upload_local"


def post_clip(client, content=MP4_BYTES, name="Lễ tuyên dương.mp4"):
    return client.post(
        reverse(LOCAL),
        {"file": SimpleUploadedFile(name, content, content_type="video/mp4")},
        headers={"Accept": "application/json"},
    )


def test_a_clip_posted_alone_is_stored_and_the_form_claims_it(client, lam_dong_editor, lam_dong):
    client.force_login(lam_dong_editor)
    stored = post_clip(client)
    assert stored.status_code == 200, stored.content
    response = client.post(
        reverse(ADD),
        {
            "title": "Lễ tuyên dương (dữ liệu mẫu)",
            "uploaded_file": stored.json()["uploaded"],
            "duration": "00:01:30",
            "description": "",
            "collection": lam_dong.collection.pk,
            "poster": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clip = VideoClip.objects.get()
    assert clip.file.name.startswith("video/") and clip.file.name.endswith("/le-tuyen-duong.mp4")
    with clip.file.open("rb") as file:
        assert file.read() == MP4_BYTES


def test_a_file_that_is_not_a_video_is_refused_in_vietnamese(client, lam_dong_editor):
    client.force_login(lam_dong_editor)
    response = post_clip(client, content=b"not a video at all" * 10)
    assert response.status_code == 400
    assert "không phải là video" in response.json()["error"]


def test_someone_who_may_not_add_clips_cannot_post_one(client, site_tree):
    client.force_login(UserFactory(username="no-clips"))
    assert post_clip(client).status_code in (302, 403)


def test_another_users_token_is_refused_by_the_form(client, lam_dong_editor, lam_dong):
    client.force_login(UserFactory(username="root-clips", is_superuser=True))
    token = post_clip(client).json()["uploaded"]
    client.force_login(lam_dong_editor)
    response = client.post(
        reverse(ADD),
        {
            "title": "Clip của người khác",
            "uploaded_file": token,
            "duration": "00:01:30",
            "description": "",
            "collection": lam_dong.collection.pk,
            "poster": "",
        },
    )
    assert response.status_code == 200
    assert "Phiên tải lên không hợp lệ" in response.content.decode()
    assert not VideoClip.objects.exists()
