"""Units' news and plans on the public site: their own pages, listed on their unit's page; drafts never."""

from __future__ import annotations

import pytest

from content_api import versioning
from exemplar_pages.models import UnitNewsPage

pytestmark = pytest.mark.django_db


def test_a_unit_page_lists_its_news_and_plans_and_each_opens(
    client, make_unit_news, make_plan, lam_dong_folder
):
    news = make_unit_news("Lâm Đồng sơ kết thi đua 9 tháng")
    plan = make_plan("Kế hoạch thi đua chuyên đề", number="12/KH-VKS")
    html = client.get(lam_dong_folder.url).content.decode()
    assert "Tin hoạt động của đơn vị" in html and "Lâm Đồng sơ kết thi đua 9 tháng" in html
    assert "Kế hoạch của đơn vị" in html and "Kế hoạch thi đua chuyên đề" in html and "12/KH-VKS" in html
    news_html = client.get(news.url).content.decode()
    assert "Lâm Đồng sơ kết thi đua 9 tháng" in news_html and "Nội dung tin hoạt động." in news_html
    assert '"@type": "NewsArticle"' in news_html or '"@type":"NewsArticle"' in news_html
    plan_html = client.get(plan.url).content.decode()
    assert "12/KH-VKS" in plan_html and "Nội dung kế hoạch." in plan_html


def test_drafts_and_other_channels_are_neither_listed_nor_served(
    client, make_unit_news, make_plan, lam_dong_folder
):
    draft = make_unit_news("Tin nháp của đơn vị", live=False)
    internal = make_plan("Kế hoạch chỉ cho báo ngành", channel_codes=("newspaper",))
    shown = make_unit_news("Tin đã đăng của đơn vị")
    live = UnitNewsPage.objects.get(pk=shown.pk)
    live.title = "Tiêu đề nháp chưa duyệt"
    live.save_revision()
    html = client.get(lam_dong_folder.url).content.decode()
    assert "Tin đã đăng của đơn vị" in html
    for hidden in ("Tin nháp của đơn vị", "Kế hoạch chỉ cho báo ngành", "Tiêu đề nháp chưa duyệt"):
        assert hidden not in html
    assert client.get(draft.url).status_code == 404
    assert client.get(internal.url).status_code == 404
    assert "Tiêu đề nháp chưa duyệt" not in client.get(shown.url).content.decode()


def test_a_unit_page_with_every_section_full_stays_within_its_query_budget(
    client,
    make_exemplar,
    make_news,
    make_unit_news,
    make_plan,
    lam_dong_folder,
    django_assert_max_num_queries,
):
    for n in range(3):
        make_exemplar(f"Gương số {n}")  # Bình Thuận's: a predecessor of Lâm Đồng
        make_news(f"Tin số {n}")
    for n in range(10):
        make_unit_news(f"Tin hoạt động {n}")
        make_plan(f"Kế hoạch {n}")
    client.get(lam_dong_folder.url)
    versioning.bump()
    with django_assert_max_num_queries(10):
        response = client.get(lam_dong_folder.url)
    assert response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    assert html.count('class="card"') == 3 + 3 + 8 + 8  # each section keeps its own limit
