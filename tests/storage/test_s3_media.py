"""
Media on S3 (a local moto server, reached over HTTP through boto3): private originals and
documents, public renditions and clips, presigned URLs, and who may read a document.
"""

from __future__ import annotations

import datetime

import pytest
import requests
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.documents import get_document_model

from exemplar_pages.models import ExemplarPage
from exemplar_pages.models.awards import Award
from media.models import VideoClip
from media.renditions import image_representation
from media.storage import public_storage
from tests.factories import UserFactory
from tests.helpers.files import MP4_BYTES, PDF_BYTES, image_bytes, make_image

pytestmark = pytest.mark.django_db

Document = get_document_model()


def make_document(collection=None, name="quyet-dinh.pdf"):
    document = Document(
        title="Quyết định (dữ liệu mẫu)", collection=collection or wagtail_factories.CollectionFactory()
    )
    document.file.save(name, ContentFile(PDF_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def exemplar(folder, binh_thuan, bang_khen, public_channel, **fields) -> ExemplarPage:
    page = ExemplarPage(
        title="Nguyễn Văn Đức (dữ liệu mẫu)",
        unit=binh_thuan,
        achievement_period="2021 - 2024",
        achievements=[("achievement", "Hoàn thành xuất sắc nhiệm vụ")],
        lead="Một tấm gương tiêu biểu.",
        live=False,
        **fields,
    )
    folder.add_child(instance=page)
    page.channels.set([public_channel])
    return page


def test_an_original_image_is_private_and_its_renditions_public(s3):
    image = make_image()
    assert s3.keys("private/") == ["private/original_images/chan-dung.jpg"]
    assert s3.anonymous_get("private/original_images/chan-dung.jpg").status_code == 403
    # The original is readable through a presigned URL only.
    presigned = image.file.url
    assert "X-Amz-Signature=" in presigned
    assert requests.get(presigned, timeout=5).content == image_bytes()

    representation = image_representation(image)
    urls = [r["url"] for r in representation["renditions"].values()]
    assert all(url.startswith(f"{s3.endpoint}/{s3.bucket}/public/images/") for url in urls)
    assert all("X-Amz-" not in url for url in urls)  # stable: the API stores them
    for url in urls:
        response = requests.get(url, timeout=5)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "image/jpeg"
    assert representation["renditions"]["thumbnail"]["width"] == 400


def test_renditions_are_made_once_then_come_from_the_cache(s3, django_assert_num_queries):
    image = make_image()
    image_representation(image)
    keys = s3.keys("public/images/")
    assert len(keys) == 3
    with django_assert_num_queries(0):
        again = image_representation(image)
    assert s3.keys("public/images/") == keys
    assert again == image_representation(image)


def test_a_new_image_gets_its_api_renditions_after_the_upload_commits(s3, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_image()
    assert len(s3.keys("public/images/")) == 3


def test_a_video_clip_is_public_under_a_random_folder(s3, binh_thuan):
    clip = VideoClip(title="Clip (dữ liệu mẫu)", collection=binh_thuan.collection)
    clip.file.save("Lễ tuyên dương.mp4", ContentFile(MP4_BYTES), save=False)
    clip.save()
    [key] = s3.keys("public/video/")
    assert key.startswith("public/video/") and key.endswith("/le-tuyen-duong.mp4")
    assert len(key.split("/")[2]) == 32
    assert clip.file.url == f"{s3.endpoint}/{s3.bucket}/{key}"
    assert s3.anonymous_get(key).content == MP4_BYTES


def test_a_cdn_domain_serves_public_media_and_never_private(s3, settings):
    settings.STORAGES["public"]["OPTIONS"]["custom_domain"] = "media.example.vn"
    settings.STORAGES = {**settings.STORAGES}
    image = make_image()
    representation = image_representation(image)
    assert representation["renditions"]["large"]["url"].startswith("https://media.example.vn/public/images/")
    assert image.file.url.startswith(f"{s3.endpoint}/{s3.bucket}/private/")
    assert public_storage.custom_domain == "media.example.vn"


def test_a_document_is_never_a_public_object_and_is_served_through_a_presigned_redirect(
    s3, client, site_tree, binh_thuan, editor
):
    document = make_document(collection=binh_thuan.collection)
    key = f"private/{document.file.name}"
    assert s3.keys() == [key]
    assert s3.anonymous_get(key).status_code == 403

    # Not used by any live page: anonymous readers are sent to the login page.
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))

    # An editor of the unit gets a short-lived presigned URL.
    client.force_login(editor)
    response = client.get(document.url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{s3.endpoint}/{s3.bucket}/{key}?")
    assert "X-Amz-Expires=300" in location
    assert requests.get(location, timeout=5).content == PDF_BYTES


def read_document(client, url: str) -> bytes | None:
    """The bytes a reader gets through the serve view (following a presigned redirect), or None."""
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    if response.status_code == 302 and not response["Location"].startswith(reverse("wagtailadmin_login")):
        return requests.get(response["Location"], timeout=5).content
    if response.status_code == 200:
        return b"".join(response.streaming_content)
    return None


def test_a_scanned_award_decision_stays_private_even_on_a_live_page(
    media_storage, client, folder, binh_thuan, bang_khen, public_channel, editor, other_unit
):
    decision = make_document(collection=binh_thuan.collection, name="qd-1136.pdf")
    page = exemplar(folder, binh_thuan, bang_khen, public_channel)
    Award.objects.create(
        exemplar=page,
        award_form=bang_khen,
        decision_number="1136/QĐ-UBND",
        decision_date=datetime.date(2024, 6, 3),
        issuing_authority="Ủy ban nhân dân tỉnh Bình Thuận",
        decision_document=decision,
    )
    page.save_revision().publish()
    assert ExemplarPage.objects.get(pk=page.pk).live

    response = client.get(decision.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    stranger = UserFactory(username="hn-editor", groups=[other_unit.editor_group])
    client.force_login(stranger)
    assert client.get(decision.url).status_code == 403
    client.force_login(editor)
    assert read_document(client, decision.url) == PDF_BYTES
    if media_storage is not None:
        assert "X-Amz-Signature=" in client.get(decision.url)["Location"]


def test_a_document_in_a_published_story_is_readable_by_anyone_through_the_serve_view(
    media_storage, client, folder, binh_thuan, bang_khen, public_channel
):
    document = make_document(collection=binh_thuan.collection, name="ke-hoach.pdf")
    page = exemplar(
        folder,
        binh_thuan,
        bang_khen,
        public_channel,
        body=[("document", {"document": document, "title": "Kế hoạch"})],
    )
    assert read_document(client, document.url) is None  # only a draft uses it
    page.save_revision().publish()
    assert read_document(client, document.url) == PDF_BYTES
    if media_storage is not None:
        # The object itself stays private: only the serve view hands out a URL.
        assert media_storage.anonymous_get(f"private/{document.file.name}").status_code == 403


def test_deleting_a_document_deletes_its_object(s3):
    document = make_document()
    assert s3.keys()
    document.file.delete(save=False)
    document.delete()
    assert s3.keys() == []
    assert not default_storage.exists(document.file.name or "documents/quyet-dinh.pdf")
