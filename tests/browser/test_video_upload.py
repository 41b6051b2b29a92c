"""
In headless Chromium: a unit editor adds a video clip in the admin, with local storage (the
page posts the file alone to the server first, with a progress bar) and with S3 (the page sends it straight to the bucket in a
presigned multipart upload, media/static/media/js/video-upload.js, with a progress bar).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from media.models import VideoClip
from tests.factories import UserFactory, prefer_language
from tests.helpers.files import MP4_BYTES, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

MB = 1024 * 1024
ADD = "wagtailsnippets_media_videoclip:add"
NOT_A_VIDEO = "Tệp tải lên không phải là video MP4, WebM hoặc MOV"
NOT_A_VIDEO_EN = "The uploaded file is not an MP4, WebM or MOV video"


@pytest.fixture
def clip_editor(lam_dong, settings):
    # The `login` fixture types the demo password.
    return UserFactory(
        username="ld-clip-editor", password=settings.DEMO_PASSWORD, groups=[lam_dong.editor_group]
    )


@pytest.fixture
def bucket_cors(s3, live_server):
    """What the README asks of a real bucket: the admin's origin may PUT parts and read ETags."""
    s3.client.put_bucket_cors(
        Bucket=s3.bucket,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": [live_server.url],
                    "AllowedMethods": ["PUT"],
                    "AllowedHeaders": ["*"],
                    "ExposeHeaders": ["ETag"],
                    "MaxAgeSeconds": 600,
                }
            ]
        },
    )
    return s3


def clip_file(tmp_path, content: bytes, name: str = "le-tuyen-duong.mp4"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def open_form(page, live_server, login, user):
    login(user.username)
    page.goto(f"{live_server.url}{reverse(ADD)}")
    page.fill("input[name=title]", "Lễ tuyên dương (dữ liệu mẫu)")
    page.fill("input[name=duration]", "00:01:30")


def clip_form(page):
    return page.locator("form").filter(has=page.locator("input[name=title]"))


def save(page):
    clip_form(page).locator("button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


# Every value the progress bar takes (setting `value` sets its attribute), in order.
RECORD_PROGRESS = """() => {
    window.progressSeen = [];
    new MutationObserver((changes) => {
        for (const change of changes) {
            if (change.target.matches(".video-upload-status progress")) {
                window.progressSeen.push(Number(change.target.getAttribute("value")));
            }
        }
    }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ["value"]});
}"""


def test_with_local_storage_the_clip_goes_through_the_server_with_real_progress(
    page, live_server, login, clip_editor, tmp_path
):
    content = MP4_BYTES + b"\x00" * (2 * MB - len(MP4_BYTES))
    open_form(page, live_server, login, clip_editor)
    file_input = page.locator("input[type=file][name=file]")
    assert file_input.get_attribute("data-video-upload-start") is None
    expect(file_input).to_have_attribute("data-video-upload-local", reverse("media_video_upload_local"))
    page.evaluate(RECORD_PROGRESS)
    # A slow uplink (1 MB/s): the request's upload progress events arrive while it is sent.
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": MB},
    )
    file_input.set_input_files(clip_file(tmp_path, content))

    status = page.locator(".video-upload-status")
    expect(status.locator("[role=status]")).to_contain_text("Đã tải lên xong", timeout=30_000)
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    seen = page.evaluate("window.progressSeen")
    assert seen[-1] == 100
    assert any(0 < value < 100 for value in seen), seen
    assert seen == sorted(seen)
    assert page.locator("input[name=uploaded_file]").input_value()
    assert VideoClip.objects.count() == 0
    save(page)

    clip = VideoClip.objects.get()
    assert clip.title == "Lễ tuyên dương (dữ liệu mẫu)"
    assert clip.file.name.startswith("video/")
    assert clip.file.name.endswith("/le-tuyen-duong.mp4")
    with clip.file.open("rb") as stored:
        assert stored.read() == content


def test_with_s3_the_page_uploads_the_clip_in_parts_with_a_progress_bar(
    page, live_server, login, clip_editor, bucket_cors, settings, tmp_path
):
    settings.VIDEO_UPLOAD_PART_SIZE = 5 * MB  # S3's minimum: 6 MB go in two parts
    content = MP4_BYTES + b"\x00" * (6 * MB - len(MP4_BYTES))
    open_form(page, live_server, login, clip_editor)
    file_input = page.locator("input[type=file][name=file]")
    expect(file_input).to_have_attribute("data-video-upload-start", reverse("media_video_upload_start"))
    file_input.set_input_files(clip_file(tmp_path, content))

    status = page.locator(".video-upload-status")
    expect(status.locator("progress")).to_be_visible()
    expect(status.locator("[role=status]")).to_contain_text("Đã tải lên xong", timeout=30_000)
    assert status.locator("progress").evaluate("bar => [bar.value, bar.max]") == [100, 100]
    assert page.locator("input[name=uploaded_file]").input_value()
    assert VideoClip.objects.count() == 0
    save(page)

    clip = VideoClip.objects.get()
    assert clip.file.name.startswith("video/")
    assert clip.file.name.endswith("/le-tuyen-duong.mp4")
    assert bucket_cors.keys("public/video/") == [f"public/{clip.file.name}"]
    stored = bucket_cors.client.head_object(Bucket=bucket_cors.bucket, Key=f"public/{clip.file.name}")
    assert stored["ContentLength"] == len(content)
    assert not bucket_cors.client.list_multipart_uploads(Bucket=bucket_cors.bucket).get("Uploads")


def test_with_local_storage_a_png_named_mp4_is_refused_in_vietnamese(
    page, live_server, login, clip_editor, tmp_path, settings
):
    def stored_videos() -> set[Path]:
        return set(Path(settings.MEDIA_ROOT).rglob("video/**/*"))

    before = stored_videos()
    open_form(page, live_server, login, clip_editor)
    page.locator("input[type=file][name=file]").set_input_files(
        clip_file(tmp_path, image_bytes("PNG"), "anh.mp4")
    )
    status = page.locator(".video-upload-status [role=status]")
    expect(status).to_contain_text(f"Tải lên không thành công: {NOT_A_VIDEO}", timeout=30_000)
    assert page.locator("input[name=uploaded_file]").input_value() == ""

    # Saving now posts no file: the form asks for one and no clip is created.
    save(page)
    assert page.url.endswith(reverse(ADD))
    assert VideoClip.objects.count() == 0
    assert stored_videos() == before


def test_with_s3_a_png_named_mp4_is_refused_in_vietnamese_and_deleted(
    page, live_server, login, clip_editor, bucket_cors, tmp_path
):
    open_form(page, live_server, login, clip_editor)
    page.locator("input[type=file][name=file]").set_input_files(
        clip_file(tmp_path, image_bytes("PNG"), "anh.mp4")
    )

    status = page.locator(".video-upload-status [role=status]")
    expect(status).to_contain_text(f"Tải lên không thành công: {NOT_A_VIDEO}", timeout=30_000)
    assert page.locator("input[name=uploaded_file]").input_value() == ""
    assert bucket_cors.keys() == []
    assert not bucket_cors.client.list_multipart_uploads(Bucket=bucket_cors.bucket).get("Uploads")

    # Saving now posts no file: the form asks for one and no clip is created.
    save(page)
    assert VideoClip.objects.count() == 0
    assert bucket_cors.keys() == []


def test_with_s3_an_editor_who_chose_english_reads_the_upload_status_in_english(
    page, live_server, login, clip_editor, bucket_cors, tmp_path
):
    # The script's texts come from the JavaScript catalogue (vksnd/urls.py) in the editor's language.
    prefer_language(clip_editor, "en")
    open_form(page, live_server, login, clip_editor)
    page.locator("input[type=file][name=file]").set_input_files(
        clip_file(tmp_path, image_bytes("PNG"), "anh.mp4")
    )

    status = page.locator(".video-upload-status [role=status]")
    expect(status).to_contain_text(f"Upload failed: {NOT_A_VIDEO_EN}", timeout=30_000)
    assert "Tải lên" not in status.inner_text()
    expect(page.locator(f'script[src="{reverse("cms_javascript_catalog")}"]')).to_have_count(1)
    assert page.evaluate("gettext('Đã tải lên xong. Bấm Lưu để hoàn tất.')") == (
        "Upload complete. Click Save to finish."
    )
    assert bucket_cors.keys() == []
