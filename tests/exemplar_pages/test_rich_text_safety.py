"""Rich text is sanitised however it arrives: a script never reaches the database or the API."""

import pytest

from exemplar_pages.models import ExemplarPage, NewsIndexPage

pytestmark = pytest.mark.django_db

EVIL = (
    '<p>Xin chào<script>alert("x")</script><a href="javascript:alert(1)" onclick="steal()">liên kết</a>'
    '<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe></p>'
)


def test_a_body_with_a_script_tag_is_stored_without_it(folder):
    page = folder.add_child(
        instance=ExemplarPage(
            title="Tập thể mẫu (dữ liệu mẫu)",
            unit=folder.unit,
            achievement_period="2024",
            achievements=[],
            body=[("paragraph", EVIL)],
        )
    )
    page.refresh_from_db()
    stored = page.body.raw_data[0]["value"]
    for fragment in ("<script", "javascript:", "onclick", "onerror", "<iframe"):
        assert fragment not in stored
    assert "Xin chào" in stored
    rendered = page.body.stream_block.get_api_representation(page.body)[0]["value"]
    assert "<script" not in rendered and "onclick" not in rendered


def test_an_index_introduction_with_a_script_tag_is_stored_without_it(site_tree):
    site_tree.news.intro = EVIL
    site_tree.news.save()
    stored = NewsIndexPage.objects.get(pk=site_tree.news.pk).intro
    assert "<script" not in stored and "onerror" not in stored and "Xin chào" in stored


def test_internal_page_and_document_links_survive_sanitising(folder):
    target = folder.add_child(
        instance=ExemplarPage(
            title="Trang đích", unit=folder.unit, achievement_period="2024", achievements=[]
        )
    )
    text = f'<p><a linktype="page" id="{target.pk}">trang</a> và <a onclick="x()" linktype="page" id="{target.pk}">lại</a></p>'
    page = folder.add_child(
        instance=ExemplarPage(
            title="Có liên kết",
            unit=folder.unit,
            achievement_period="2024",
            achievements=[],
            body=[("paragraph", text)],
        )
    )
    page.refresh_from_db()
    stored = page.body.raw_data[0]["value"]
    assert stored.count(f'id="{target.pk}"') == 2
    assert "onclick" not in stored
