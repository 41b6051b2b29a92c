"""
/en/lay-y-kien/ is the English edition of a consultation: English words where the record has
them, the Vietnamese otherwise, marked as such (lang="vi" and "in Vietnamese").
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from engagement.models import Nominee
from tests.helpers.api import API

pytestmark = pytest.mark.django_db

TITLE_EN = "Public consultation on the proposed Third-class Labour Order"
SUMMARY_EN = "Outstanding performance for five years in a row."


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()


@pytest.fixture
def translated(make_consultation):
    consultation = make_consultation(
        nominees=[{"name": "Nguyễn Văn An"}, {"name": "Phòng 7 VKSND tỉnh Lâm Đồng"}]
    )
    consultation.title_en = TITLE_EN
    consultation.intro_en = "The council hears the public on these nominees."
    consultation.intro = "Hội đồng lấy ý kiến nhân dân về các ứng viên."
    consultation.save()
    first = consultation.nominees.order_by("sort_order").first()
    Nominee.objects.filter(pk=first.pk).update(
        summary_en=SUMMARY_EN, position_unit_en="Procurator, Bình Thuận"
    )
    return consultation


def test_the_english_page_shows_the_english_words_and_marks_the_vietnamese_ones(client, translated):
    html = client.get(f"/en/lay-y-kien/{translated.pk}/").content.decode()
    assert f'<h1 class="page-title">{TITLE_EN}</h1>' in html
    assert "The council hears the public on these nominees." in html
    assert SUMMARY_EN in html and "Procurator, Bình Thuận" in html
    # The second nominee has no English: its Vietnamese summary is marked.
    assert (
        '<span lang="vi">Hoàn thành xuất sắc nhiệm vụ 5 năm liền.</span> <span class="lang-note">(in Vietnamese)</span>'
        in html
    )
    assert "shown in Vietnamese" in html
    for label in ("Nominees", "Achievement summary", "Send an opinion on a nominee", "Send opinion"):
        assert label in html
    assert "Danh sách ứng viên" not in html and "Gửi ý kiến về ứng viên" not in html


def test_the_vietnamese_page_is_untouched_by_the_english_edition(client, translated):
    html = client.get(f"/lay-y-kien/{translated.pk}/").content.decode()
    assert translated.title in html and TITLE_EN not in html and SUMMARY_EN not in html
    assert "lang-note" not in html and "lang-fallback" not in html


def test_an_untranslated_consultation_is_shown_in_vietnamese_on_the_english_site_marked(
    client, make_consultation
):
    plain = make_consultation(title="Lấy ý kiến đề nghị tặng Bằng khen")
    html = client.get(f"/en/lay-y-kien/{plain.pk}/").content.decode()
    assert '<h1 class="page-title" lang="vi">Lấy ý kiến đề nghị tặng Bằng khen</h1>' in html
    assert "shown in Vietnamese" in html
    index = client.get("/en/lay-y-kien/").content.decode()
    assert (
        'lang="vi">Lấy ý kiến đề nghị tặng Bằng khen</a> <span class="lang-note">(in Vietnamese)</span>'
        in index
    )


def test_the_english_index_lists_the_english_title(client, translated):
    index = client.get("/en/lay-y-kien/").content.decode()
    assert TITLE_EN in index and translated.title not in index


def test_the_api_carries_the_english_words_beside_the_vietnamese(client, translated):
    data = client.get(f"{API}/consultations/{translated.pk}/").json()
    assert data["title_en"] == TITLE_EN and data["title"] == translated.title
    first, second = data["nominees"]
    assert first["summary_en"] == SUMMARY_EN and second["summary_en"] == ""
