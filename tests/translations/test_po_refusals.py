"""A PO file of another page, without its header, or empty, is refused in plain words."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from tests.helpers.translations import as_user, english_text, translate


def upload(client, translation, content: bytes):
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("ban-dich.po", content), "next": "/admin/"},
        follow=True,
    )
    return response.content.decode()


@pytest.fixture
def folder(lam_dong_folder):
    """Pages of a unit that exists today: an ended unit's English folder takes no new page."""
    return lam_dong_folder


def downloaded(client, translation) -> polib.POFile:
    return polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )


def test_a_po_file_of_another_page_is_refused_as_such(translator, make_exemplar, lam_dong):
    _e1, first = translate(translator, make_exemplar("Nguyễn Văn Đức", unit=lam_dong))
    _e2, second = translate(translator, make_exemplar("Trần Thị Hoa", unit=lam_dong))
    client = as_user(translator)
    po = downloaded(client, first)
    for entry in po:
        entry.msgstr = english_text(entry)
    html = upload(client, second, str(po).encode())
    assert "thuộc một trang khác" in html
    assert "X-WagtailLocalize" not in html
    assert not StringTranslation.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Tệp PO trống"),
        (
            b'msgid "Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90\xe1\xbb\xa9c"\nmsgstr "Nguyen Van Duc"\n',
            "thiếu phần đầu",
        ),
    ],
    ids=["empty", "no-header"],
)
def test_an_empty_or_headerless_file_is_refused_in_plain_words(translator, make_exemplar, content, message):
    _english, translation = translate(translator, make_exemplar("Nguyễn Văn Đức"))
    html = upload(as_user(translator), translation, content)
    assert message in html
    assert "X-WagtailLocalize" not in html
    assert not StringTranslation.objects.exists()
