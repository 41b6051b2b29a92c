"""Slugs are ASCII transliterations of Vietnamese titles."""

import unicodedata

import pytest

from cms.text import fold_accents, normalize, slugify_vi
from exemplar_pages.models import NewsIndexPage


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đoàn kết, đổi mới", "doan-ket-doi-moi"),
        ("Nguyễn Văn Đức", "nguyen-van-duc"),
        ("VKSND tỉnh Bình Thuận", "vksnd-tinh-binh-thuan"),
        ("Phong trào thi đua yêu nước năm 2023", "phong-trao-thi-dua-yeu-nuoc-nam-2023"),
        ("Thừa Thiên Huế – Quảng Trị", "thua-thien-hue-quang-tri"),
    ],
)
def test_vietnamese_text_slugifies_to_ascii(text, slug):
    assert slugify_vi(text) == slug


def test_decomposed_input_gives_the_same_slug_and_normalises_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Đoàn kết")
    assert decomposed != "Đoàn kết"
    assert slugify_vi(decomposed) == "doan-ket"
    assert normalize(decomposed) == "Đoàn kết"


def test_fold_accents_keeps_letters_and_case():
    assert fold_accents("Thi đua Khen thưởng") == "Thi dua Khen thuong"


def test_a_page_created_in_code_without_slug_gets_a_transliterated_unique_one(site_tree):
    first = site_tree.home.add_child(instance=NewsIndexPage(title="Đoàn kết, đổi mới"))
    second = site_tree.home.add_child(instance=NewsIndexPage(title="Đoàn kết, đổi mới"))
    assert first.slug == "doan-ket-doi-moi"
    assert second.slug == "doan-ket-doi-moi-1"
