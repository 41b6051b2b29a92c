"""Video clips: checked by content, stored in default storage, visible to their unit only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from media.models import VideoClip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The start of an ISO base media file (MP4): enough for content sniffing.
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
ADD = "wagtailsnippets_media_videoclip:add"
LIST = "wagtailsnippets_media_videoclip:list"
EDIT = "wagtailsnippets_media_videoclip:edit"
CHOOSE = "wagtailsnippetchoosers_media_videoclip:choose"


def upload(client, user, collection, content=MP4_BYTES, name="clip.mp4", captions=None):
    client.force_login(user)
    data = {
        "title": "Clip mẫu (dữ liệu mẫu)",
        "file": SimpleUploadedFile(name, content, content_type="video/mp4"),
        "duration": "00:01:30",
        "description": "",
        "collection": collection.pk,
        "poster": "",
    }
    if captions is not None:
        data["captions"] = SimpleUploadedFile("clip.vtt", captions, content_type="text/vtt")
    return client.post(reverse(ADD), data)


def test_a_unit_editor_uploads_a_clip_into_its_unit_collection(
    client, lam_dong_editor, lam_dong, media_storage
):
    response = upload(
        client,
        lam_dong_editor,
        lam_dong.collection,
        captions=b"WEBVTT\n\n00:00.000 --> 00:01.000\nXin chao\n",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clip = VideoClip.objects.get()
    assert clip.collection_id == lam_dong.collection_id
    assert clip.uploaded_by_user == lam_dong_editor
    assert clip.duration_seconds == 90
    assert clip.file.storage.exists(clip.file.name)
    assert clip.file.name.startswith("video/") and clip.file.name.endswith("/clip.mp4")
    if media_storage is not None:
        assert media_storage.anonymous_get(f"public/{clip.file.name}").content == MP4_BYTES
        assert media_storage.anonymous_get(f"public/{clip.captions.name}").status_code == 200


def test_a_text_file_named_mp4_is_refused_in_vietnamese(client, lam_dong_editor, lam_dong):
    response = upload(
        client, lam_dong_editor, lam_dong.collection, content=b"this is not a video at all" * 10
    )
    assert response.status_code == 200
    assert "không phải là video" in response.content.decode()
    assert not VideoClip.objects.exists()


def test_captions_that_are_not_webvtt_are_refused(client, lam_dong_editor, lam_dong):
    response = upload(
        client, lam_dong_editor, lam_dong.collection, captions=b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n"
    )
    assert "WebVTT" in response.content.decode()
    assert not VideoClip.objects.exists()


def test_an_editor_cannot_put_a_clip_in_another_units_collection(client, lam_dong_editor, other_unit):
    response = upload(client, lam_dong_editor, other_unit.collection)
    assert response.status_code == 200
    assert not VideoClip.objects.exists()


def test_another_units_editor_neither_lists_nor_edits_nor_chooses_the_clip(
    client, lam_dong_editor, lam_dong, other_unit
):
    upload(Client(), lam_dong_editor, lam_dong.collection)
    clip = VideoClip.objects.get()
    stranger = UserFactory(username="hn-editor", groups=[other_unit.editor_group])
    client.force_login(stranger)
    assert clip.title not in client.get(reverse(LIST)).content.decode()
    assert client.get(reverse(EDIT, args=[clip.pk])).status_code in (302, 403)
    assert clip.title not in client.get(reverse(CHOOSE)).json()["html"]
    client.force_login(lam_dong_editor)
    assert clip.title in client.get(reverse(LIST)).content.decode()
    assert clip.title in client.get(reverse(CHOOSE)).json()["html"]
