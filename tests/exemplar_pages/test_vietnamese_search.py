"""On PostgreSQL, search finds Vietnamese text with or without diacritics, exact matches first."""

import pytest
from django.db import connection

from exemplar_pages.models import ExemplarPage
from exemplar_pages.search import search_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def exemplars(postgres, folder):
    def make(title: str, lead: str) -> ExemplarPage:
        return folder.add_child(
            instance=ExemplarPage(
                title=title, lead=lead, unit=folder.unit, achievement_period="2024", achievements=[]
            )
        )

    return {
        "duc": make(
            "Nguyễn Văn Đức (dữ liệu mẫu)", "Điển hình trong phong trào thi đua khen thưởng năm 2024."
        ),
        "plain": make("Nguyen Van Duc (du lieu mau, khong dau)", "Ban nhap khong dau ve thi dua."),
        "other": make("Tập thể Phòng 7 (dữ liệu mẫu)", "Hoàn thành xuất sắc nhiệm vụ kiểm sát."),
    }


def titles(results) -> list[str]:
    return [page.title for page in results]


def test_the_index_uses_the_accent_folding_configuration(exemplars):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('vietnamese_unaccent', 'Thi đua khen thưởng Đức')::text")
        assert cursor.fetchone()[0] == "'dua':2 'duc':5 'khen':3 'thi':1 'thuong':4"


def test_a_query_without_diacritics_finds_text_with_them(exemplars):
    results = search_pages(ExemplarPage.objects.all(), "thi dua khen thuong")
    assert titles(results) == [exemplars["duc"].title]


def test_nguyen_van_finds_both_spellings_and_the_exact_one_first(exemplars):
    results = search_pages(ExemplarPage.objects.all(), "Nguyễn Văn")
    assert titles(results) == [exemplars["duc"].title, exemplars["plain"].title]
    results = search_pages(ExemplarPage.objects.all(), "nguyen van")
    assert titles(results) == [exemplars["plain"].title, exemplars["duc"].title]


def test_d_with_stroke_matches_plain_d(exemplars):
    assert exemplars["duc"].title in titles(search_pages(ExemplarPage.objects.all(), "duc"))
    assert exemplars["plain"].title in titles(search_pages(ExemplarPage.objects.all(), "Đức"))


def test_autocomplete_folds_accents_too(exemplars):
    results = ExemplarPage.objects.autocomplete("tap the pho")
    assert [p.title for p in results] == [exemplars["other"].title]
