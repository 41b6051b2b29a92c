"""A translator's PO file is checked segment by segment before anything is written."""

from __future__ import annotations

import re

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from exemplar_pages.models import ExemplarPage
from tests.helpers.translations import as_user, english_text, translate

SOURCE = 'Đồng chí <b>Nguyễn Văn Đức</b> nhận <a href="https://vksndtc.gov.vn/">bằng khen</a>.'
RICH = 'Đồng chí <b>Nguyễn Văn Đức</b> nhận <a id="a1">bằng khen</a>.'


@pytest.fixture
def folder(lam_dong_folder):
    return lam_dong_folder


@pytest.fixture
def rich_translation(translator, make_exemplar, lam_dong):
    page = make_exemplar("Nguyễn Văn Đức", unit=lam_dong, body=[("paragraph", f"<p>{SOURCE}</p>")])
    return translate(translator, page)


def upload_with(client, translation, rich_english: str) -> str:
    po = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )
    assert RICH in [entry.msgid for entry in po]
    for entry in po:
        entry.msgstr = rich_english if entry.msgid == RICH else english_text(entry)
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("ban-dich.po", str(po).encode()), "next": "/admin/"},
        follow=True,
    )
    return response.content.decode()


@pytest.mark.parametrize(
    ("english", "reason"),
    [
        ('Comrade Nguyen Van Duc received a <a id="a1">certificate of merit</a>.', "thiếu thẻ &lt;b&gt;"),
        ("Comrade <b>Nguyen Van Duc</b> received a certificate of merit.", "thiếu thẻ &lt;a id=a1&gt;"),
        ('Comrade <b>Nguyen Van Duc received a <a id="a1">certificate</a>.', "chưa được đóng"),
        (
            'Comrade <b>Nguyen Van Duc</b> received a <a id="a1">certificate</a>.<script>x</script>',
            "không được phép",
        ),
        ('Comrade <b>Nguyen</b> <a id="a2">Van Duc</a> received <a id="a1">it</a>.', "không được phép"),
        ('Comrade <b>Nguyen Van Duc</b> received <a id="a1">it</a> <i>today</i>.', "không có trong bản gốc"),
    ],
    ids=["dropped-bold", "dropped-link", "unclosed", "script", "new-link", "extra-tag"],
)
def test_a_segment_that_breaks_its_tags_refuses_the_whole_file(translator, rich_translation, english, reason):
    _english_page, translation = rich_translation
    html = upload_with(as_user(translator), translation, english)
    assert "Tệp PO bị từ chối, không có gì được nhập" in html
    assert reason in html
    assert not StringTranslation.objects.exists()


def test_a_segment_that_keeps_its_tags_is_imported(translator, rich_translation):
    _english_page, translation = rich_translation
    english = 'Comrade <b>Nguyen Van Duc</b> received a <a id="a1">certificate of merit</a>.'
    html = upload_with(as_user(translator), translation, english)
    assert "Đã nhập" in html
    assert StringTranslation.objects.filter(data=english, has_error=False).exists()


def test_an_edition_with_untranslated_strings_cannot_be_submitted_and_keeps_no_vietnamese(
    translator, rich_translation
):
    english_page, translation = rich_translation
    client = as_user(translator)
    po = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )
    for entry in po:
        entry.msgstr = "Nguyen Van Duc" if entry.msgid == "Nguyễn Văn Đức" else ""
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("mot-phan.po", str(po).encode()), "next": "/admin/"},
    )
    before = ExemplarPage.objects.get(pk=english_page.pk).latest_revision_id
    response = client.post(reverse("translation_submit", args=[translation.pk]), follow=True)
    html = response.content.decode()
    assert "chưa có bản dịch tiếng Anh hợp lệ" in html
    page = ExemplarPage.objects.get(pk=english_page.pk)
    assert not page.workflow_in_progress
    assert page.latest_revision_id == before  # nothing written with the Vietnamese fallback
    assert re.search(r"Đồng chí", html)  # the untranslated segment is named
