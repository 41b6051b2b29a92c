"""
Large clips go from the browser straight to S3 by a presigned multipart upload; the server
starts, checks, completes or aborts it. Here `requests` plays the browser's part.
"""

from __future__ import annotations

import pytest
import requests
from django.core.management import call_command
from django.urls import reverse

from media.models import VideoClip
from tests.factories import UserFactory
from tests.helpers.files import MP4_BYTES

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
START = "media_video_upload_start"
COMPLETE = "media_video_upload_complete"
ABORT = "media_video_upload_abort"
ADD = "wagtailsnippets_media_videoclip:add"


@pytest.fixture
def small_parts(settings):
    settings.VIDEO_UPLOAD_PART_SIZE = 5 * MB  # S3's minimum
    settings.VIDEO_MAX_UPLOAD_SIZE = 12 * MB


def clip_bytes(size: int) -> bytes:
    return MP4_BYTES + b"\x00" * (size - len(MP4_BYTES))


def call(client, name: str, **body):
    return client.post(
        reverse(name), body, content_type="application/json", headers={"Accept": "application/json"}
    )


def send_parts(started: dict, content: bytes) -> list[dict]:
    """What the browser does: PUT each slice to its presigned URL, keep the ETags."""
    parts = []
    size = started["part_size"]
    for number, url in enumerate(started["urls"], start=1):
        response = requests.put(url, data=content[(number - 1) * size : number * size], timeout=30)
        assert response.status_code == 200, response.text
        parts.append({"part_number": number, "etag": response.headers["ETag"]})
    return parts


def test_a_large_clip_goes_straight_to_s3_in_parts_and_the_form_keeps_it(
    s3, small_parts, client, lam_dong_editor, lam_dong
):
    content = clip_bytes(11 * MB)
    client.force_login(lam_dong_editor)
    started = call(client, START, filename="Lễ tuyên dương.mp4", size=len(content)).json()
    assert len(started["urls"]) == 3
    parts = send_parts(started, content)
    completed = call(client, COMPLETE, ticket=started["ticket"], parts=parts)
    assert completed.status_code == 200, completed.content

    response = client.post(
        reverse(ADD),
        {
            "title": "Lễ tuyên dương (dữ liệu mẫu)",
            "uploaded_file": completed.json()["uploaded"],
            "duration": "00:03:25",
            "description": "",
            "collection": lam_dong.collection.pk,
            "poster": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    clip = VideoClip.objects.get()
    assert clip.file.name.endswith("/le-tuyen-duong.mp4")
    assert s3.keys("public/video/") == [f"public/{clip.file.name}"]
    assert s3.client.head_object(Bucket=s3.bucket, Key=f"public/{clip.file.name}")["ContentLength"] == len(
        content
    )
    assert requests.get(clip.file.url, headers={"Range": "bytes=0-31"}, timeout=5).content == content[:32]


def test_the_clip_form_offers_the_direct_upload_with_s3_only(media_storage, client, lam_dong_editor):
    client.force_login(lam_dong_editor)
    html = client.get(reverse(ADD)).content.decode()
    assert ("data-video-upload-start" in html) is (media_storage is not None)
    # Local storage: the same script posts the clip alone to the admin, with its progress.
    assert ("data-video-upload-local" in html) is (media_storage is None)
    assert "media/js/video-upload.js" in html


def test_an_aborted_upload_leaves_no_parts_and_no_object(s3, small_parts, client, lam_dong_editor):
    content = clip_bytes(6 * MB)
    client.force_login(lam_dong_editor)
    started = call(client, START, filename="clip.mp4", size=len(content)).json()
    requests.put(started["urls"][0], data=content[: 5 * MB], timeout=30)
    assert s3.client.list_multipart_uploads(Bucket=s3.bucket).get("Uploads")
    assert call(client, ABORT, ticket=started["ticket"]).json() == {"aborted": True}
    assert not s3.client.list_multipart_uploads(Bucket=s3.bucket).get("Uploads")
    assert s3.keys() == []


def test_a_clip_declared_too_large_is_refused_before_anything_is_sent(
    s3, small_parts, client, lam_dong_editor
):
    client.force_login(lam_dong_editor)
    response = call(client, START, filename="clip.mp4", size=13 * MB)
    assert response.status_code == 400
    assert "Tệp video quá lớn" in response.json()["error"]
    assert not s3.client.list_multipart_uploads(Bucket=s3.bucket).get("Uploads")


def test_a_clip_larger_than_declared_is_deleted_when_completed(
    s3, small_parts, settings, client, lam_dong_editor
):
    client.force_login(lam_dong_editor)
    started = call(client, START, filename="clip.mp4", size=10 * MB).json()
    settings.VIDEO_MAX_UPLOAD_SIZE = 10 * MB
    # The browser sends more than it declared: 2 parts of 5 MB and a bit more.
    content = clip_bytes(10 * MB + 100)
    parts = send_parts({**started, "urls": started["urls"][:1]}, content[: 5 * MB])
    url = started["urls"][1]
    response = requests.put(url, data=content[5 * MB :], timeout=30)
    parts.append({"part_number": 2, "etag": response.headers["ETag"]})
    completed = call(client, COMPLETE, ticket=started["ticket"], parts=parts)
    assert completed.status_code == 400
    assert "Tệp video quá lớn" in completed.json()["error"]
    assert s3.keys() == []


def test_a_text_file_named_mp4_is_deleted_when_completed(s3, small_parts, client, lam_dong_editor):
    content = b"this is not a video at all " * 40
    client.force_login(lam_dong_editor)
    started = call(client, START, filename="clip.mp4", size=len(content)).json()
    completed = call(client, COMPLETE, ticket=started["ticket"], parts=send_parts(started, content))
    assert completed.status_code == 400
    assert "không phải là video" in completed.json()["error"]
    assert s3.keys() == []


def test_a_name_that_is_not_a_video_is_refused_at_start(s3, client, lam_dong_editor):
    client.force_login(lam_dong_editor)
    response = call(client, START, filename="clip.exe", size=1000)
    assert response.status_code == 400
    assert "MP4, WebM hoặc MOV" in response.json()["error"]


def test_nobody_else_can_complete_abort_or_claim_an_upload(
    s3, small_parts, client, lam_dong_editor, lam_dong, other_unit
):
    content = clip_bytes(1000)
    client.force_login(lam_dong_editor)
    started = call(client, START, filename="clip.mp4", size=len(content)).json()
    parts = send_parts(started, content)
    uploaded = call(client, COMPLETE, ticket=started["ticket"], parts=parts).json()["uploaded"]

    stranger = UserFactory(username="hn-editor", groups=[other_unit.editor_group])
    client.force_login(stranger)
    assert call(client, ABORT, ticket=started["ticket"]).status_code == 400
    response = client.post(
        reverse(ADD),
        {"title": "Clip", "uploaded_file": uploaded, "collection": other_unit.collection.pk, "poster": ""},
    )
    assert response.status_code == 200
    assert "Phiên tải lên không hợp lệ" in response.content.decode()
    assert call(client, COMPLETE, ticket="forged", parts=[]).status_code == 400
    assert not VideoClip.objects.exists()


def test_users_who_cannot_add_clips_cannot_start_uploads(s3, client, site_tree):
    client.force_login(UserFactory(username="reader"))
    assert call(client, START, filename="clip.mp4", size=1000).status_code in (302, 403)


def test_starting_an_upload_while_s3_is_down_answers_503_in_vietnamese(stoppable_s3, client, lam_dong_editor):
    stoppable_s3.stop()
    client.force_login(lam_dong_editor)
    response = call(client, START, filename="clip.mp4", size=1000)
    assert response.status_code == 503
    assert "Kho lưu trữ tệp tạm thời không phản hồi" in response.json()["error"]


def test_abort_stale_uploads_aborts_old_unfinished_uploads_only(
    s3, small_parts, client, lam_dong_editor, capsys
):
    client.force_login(lam_dong_editor)
    call(client, START, filename="old.mp4", size=1000)
    # moto reports every upload as initiated on 2010-11-10, so "young" here means a huge limit.
    call_command("abort_stale_uploads", "--hours", "1000000")
    assert len(s3.client.list_multipart_uploads(Bucket=s3.bucket)["Uploads"]) == 1
    call_command("abort_stale_uploads", "--hours", "0", "--dry-run")
    assert len(s3.client.list_multipart_uploads(Bucket=s3.bucket)["Uploads"]) == 1
    call_command("abort_stale_uploads", "--hours", "0")
    assert not s3.client.list_multipart_uploads(Bucket=s3.bucket).get("Uploads")
    assert "1 stale upload(s) aborted." in capsys.readouterr().out


def test_abort_stale_uploads_has_nothing_to_do_with_local_storage(capsys):
    call_command("abort_stale_uploads")
    assert "local storage" in capsys.readouterr().out
