"""
Uploads are checked by content, limited in size and pixels, get safe names, and a refused or
failed upload leaves neither a record nor a stored file. Every test runs twice: with local
files and with S3 (a local moto server).
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.helpers.files import PDF_BYTES, SVG_BYTES, image_bytes, ooxml_bytes, zip_bytes

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


def stored_files(settings, s3) -> list[str]:
    """Every file in the media storage, whichever it is."""
    if s3 is not None:
        return s3.keys()
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload_image(client, user, collection, content: bytes, name: str):
    client.force_login(user)
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh (dữ liệu mẫu)",
            "file": SimpleUploadedFile(name, content),
            "collection": collection.pk,
        },
    )


def upload_document(client, user, collection, content: bytes, name: str):
    client.force_login(user)
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Tài liệu (dữ liệu mẫu)",
            "file": SimpleUploadedFile(name, content),
            "collection": collection.pk,
        },
    )


# Images


def test_a_photo_is_stored_under_an_ascii_name(client, lam_dong_editor, lam_dong, media_storage, settings):
    response = upload_image(
        client, lam_dong_editor, lam_dong.collection, image_bytes(), "Ảnh lễ ký kết (bản cuối).JPG"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert image.file.name == "original_images/anh-le-ky-ket-ban-cuoi.jpg"
    assert default_storage.exists(image.file.name)
    if media_storage is not None:
        assert "private/original_images/anh-le-ky-ket-ban-cuoi.jpg" in media_storage.keys("private/")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (SVG_BYTES, "logo.svg", "Định dạng ảnh không được hỗ trợ"),
        (SVG_BYTES, "logo.png", "Không phải là ảnh .png hợp lệ"),
        (image_bytes("PNG", (50, 50)), "anh.jpg", "Phần mở rộng không khớp với định dạng tệp"),
        (b"MZ\x90\x00 not an image", "anh.jpg", "không phải là hình ảnh"),
    ],
    ids=["svg", "svg-named-png", "png-named-jpg", "executable-named-jpg"],
)
def test_svg_and_mislabelled_images_are_refused_in_vietnamese(
    client, lam_dong_editor, lam_dong, media_storage, settings, content, name, message
):
    response = upload_image(client, lam_dong_editor, lam_dong.collection, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files(settings, media_storage) == []


def test_an_image_over_the_byte_limit_is_refused(client, lam_dong_editor, lam_dong, media_storage, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    response = upload_image(
        client, lam_dong_editor, lam_dong.collection, image_bytes("PNG", (200, 200), noise=True), "lon.png"
    )
    assert "Tệp quá lớn" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files(settings, media_storage) == []


def test_an_image_over_the_pixel_limit_is_refused(client, lam_dong_editor, lam_dong, media_storage, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = upload_image(
        client, lam_dong_editor, lam_dong.collection, image_bytes("PNG", (200, 200)), "to.png"
    )
    assert "quá nhiều điểm ảnh" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files(settings, media_storage) == []


def test_a_file_whose_record_cannot_be_saved_is_deleted_again(
    client, lam_dong_editor, lam_dong, media_storage, settings
):
    with (
        mock.patch(
            "wagtail.images.forms.search_index.insert_or_update_object", side_effect=RuntimeError("boom")
        ),
        pytest.raises(RuntimeError),
    ):
        upload_image(client, lam_dong_editor, lam_dong.collection, image_bytes(), "anh.jpg")
    assert not Image.objects.exists()
    assert stored_files(settings, media_storage) == []


# Documents


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (PDF_BYTES, "Quyết định 1136.pdf"),
        (ooxml_bytes("docx"), "ke-hoach.docx"),
        (ooxml_bytes("xlsx"), "bang.xlsx"),
    ],
    ids=["pdf", "docx", "xlsx"],
)
def test_pdf_docx_and_xlsx_documents_are_accepted(
    client, lam_dong_editor, lam_dong, media_storage, settings, content, name
):
    response = upload_document(client, lam_dong_editor, lam_dong.collection, content, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.file.name.isascii()
    assert default_storage.open(document.file.name).read() == content
    if media_storage is not None:
        assert media_storage.keys() == [f"private/{document.file.name}"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "trang.pdf", "Chỉ nhận tài liệu PDF, DOCX, XLSX"),
        (zip_bytes(), "nen.docx", "Chỉ nhận tài liệu PDF, DOCX, XLSX"),
        (PDF_BYTES, "ban-pdf.docx", "không khớp với phần mở rộng .docx"),
        (ooxml_bytes("xlsx"), "bang.docx", "không khớp với phần mở rộng .docx"),
        (SVG_BYTES, "hinh.svg", "Chỉ nhận tài liệu PDF, DOCX, XLSX"),
    ],
    ids=["html-named-pdf", "zip-named-docx", "pdf-named-docx", "xlsx-named-docx", "svg"],
)
def test_other_or_mislabelled_documents_are_refused_in_vietnamese(
    client, lam_dong_editor, lam_dong, media_storage, settings, content, name, message
):
    response = upload_document(client, lam_dong_editor, lam_dong.collection, content, name)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "is not allowed" not in html
    assert not Document.objects.exists()
    assert stored_files(settings, media_storage) == []
