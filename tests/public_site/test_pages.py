"""Every page type renders for visitors, from the same published data the content API serves."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.models import Page

from cms.models import Unit
from exemplar_pages.models import ExemplarPage, NewsPage, UnitFolderPage
from media.models import VideoClip
from tests.fixtures.public_site import HIDDEN_TITLES
from tests.helpers.api import API, bearer
from tests.helpers.files import MP4_BYTES, make_image

pytestmark = pytest.mark.django_db


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def structured(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_the_home_page_shows_featured_exemplars_the_current_campaign_and_the_latest_news(
    client, site_content
):
    html = html_of(client, "/")
    assert 'lang="vi"' in html
    assert "Nguyễn Văn Đức" in html
    assert "Phong trào thi đua yêu nước năm 2024 (thử nghiệm)" in html
    assert "Đoàn kết, kỷ cương, đổi mới" in html and "Công minh, chính trực" in html  # theme, motto
    assert "Bình Thuận tuyên truyền gương điển hình" in html
    assert html.count("<h1") == 1


def test_an_exemplar_page_shows_its_summary_of_achievements_and_its_awards_table(client, site_content):
    exemplar = site_content.shown["exemplar"]
    html = html_of(client, exemplar.url)
    assert "<h1" in html and "Nguyễn Văn Đức" in html
    assert "Kiểm sát viên trung cấp" in html
    assert "Trích ngang thành tích" in html and "Hoàn thành xuất sắc nhiệm vụ" in html
    row = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    for cell in (
        "Bằng khen của Chủ tịch UBND cấp tỉnh",
        "/QĐ-UBND",
        "03/06/2024",
        "Ủy ban nhân dân tỉnh Bình Thuận",
    ):
        assert cell in row
    assert "Phong trào thi đua yêu nước năm 2024 (thử nghiệm)" in html  # its campaign, linked
    [person] = structured(html)
    assert person["@type"] == "Person" and person["name"] == "Nguyễn Văn Đức"
    assert person["jobTitle"] == "Kiểm sát viên trung cấp"
    assert person["worksFor"]["name"] == "Viện kiểm sát nhân dân tỉnh Bình Thuận"


def test_a_collective_is_an_organization_in_the_structured_data(client, site_content):
    [organisation] = structured(html_of(client, site_content.shown["collective"].url))
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["parentOrganization"]["name"] == "Viện kiểm sát nhân dân tỉnh Bình Thuận"


def test_a_news_page_is_a_news_article_with_its_date_and_unit(client, site_content):
    news = site_content.shown["news"]
    html = html_of(client, news.url)
    assert "01/03/2024" in html and "Nội dung tin." in html
    [article] = structured(html)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == news.title and article["datePublished"] == "2024-03-01"


def test_a_campaign_page_shows_its_directive_theme_and_motto(client, site_content):
    html = html_of(client, site_content.shown["campaign"].url)
    assert "Số: 01/CT-VKSTC" in html or "/CT-VKSTC" in html
    assert "Chủ đề" in html and "Đoàn kết, kỷ cương, đổi mới" in html
    assert "Phương châm" in html and "Công minh, chính trực" in html


def test_the_page_carries_canonical_opengraph_and_twitter_cards(client, make_exemplar):
    portrait = make_image()
    exemplar = make_exemplar("Trần Thị Hoa", portrait=portrait)
    html = html_of(client, exemplar.url)
    assert f'<link rel="canonical" href="http://testserver{exemplar.url}">' in html
    assert '<meta property="og:title" content="Trần Thị Hoa">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+max-1600x1600[^"]*">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_the_whole_story_body_renders_images_galleries_video_with_captions_quotes_and_documents(
    client, make_exemplar, binh_thuan
):
    image = make_image()
    clip = VideoClip(title="Lễ tuyên dương", collection=binh_thuan.collection)
    clip.file.save("le.mp4", ContentFile(MP4_BYTES), save=False)
    clip.captions.save(
        "le.vtt", ContentFile("WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n".encode()), save=False
    )
    clip.save()
    body = [
        ("heading", {"text": "Thành tích nổi bật", "level": "h2"}),
        ("paragraph", "<p>Đồng chí <b>Đức</b> luôn đi đầu.</p>"),
        (
            "image",
            {
                "image": image.pk,
                "alt": "Đồng chí Đức nhận Bằng khen",
                "caption": "Lễ trao",
                "credit": "VKSND",
            },
        ),
        (
            "gallery",
            {"title": "Hình ảnh", "images": [{"image": image.pk, "alt": "Ảnh tập thể", "caption": ""}]},
        ),
        ("video", {"clip": clip.pk, "caption": "Lễ tuyên dương năm 2024"}),
        ("quote", {"text": "Công minh, chính trực.", "attribution": "Viện trưởng"}),
    ]
    stream = ExemplarPage._meta.get_field("body").stream_block
    exemplar = make_exemplar(
        "Người có câu chuyện",
        body=stream.to_python([{"type": kind, "value": value} for kind, value in body]),
    )
    html = html_of(client, exemplar.url)
    assert "<h2>Thành tích nổi bật</h2>" in html
    assert "Đồng chí <b>Đức</b> luôn đi đầu." in html
    image_tag = re.search(
        r'<img src="[^"]+max-800x800[^"]*" srcset="([^"]+)" sizes="[^"]+"[^>]*alt="([^"]+)"', html
    )
    assert image_tag and "800w" in image_tag.group(1) and image_tag.group(2) == "Đồng chí Đức nhận Bằng khen"
    assert 'alt="Ảnh tập thể"' in html
    assert re.search(r'<track kind="captions" src="[^"]+\.vtt" srclang="vi"', html)
    assert "<blockquote><p>Công minh, chính trực.</p></blockquote>" in html


def test_a_unit_page_lists_its_exemplars_and_news_and_those_of_the_units_it_succeeded(client, make_exemplar):
    lam_dong = Unit.objects.get(code="VKS-LAMDONG-2025")
    old_item = make_exemplar("Gương của Bình Thuận trước sáp nhập")  # Bình Thuận: a predecessor
    folder = UnitFolderPage.objects.get(unit=lam_dong, locale__language_code="vi")
    html = html_of(client, folder.url)
    assert "Gương của Bình Thuận trước sáp nhập" in html
    assert "Đơn vị tiền thân" in html and "Viện kiểm sát nhân dân tỉnh Bình Thuận" in html
    bt_html = html_of(client, UnitFolderPage.objects.get(unit=old_item.unit, locale__language_code="vi").url)
    assert "Đơn vị kế tục" in bt_html and "Lâm Đồng" in bt_html


def test_every_item_the_api_returns_with_a_url_opens_its_public_page(client, api, make_partner, site_content):
    _partner, _token, key = make_partner(channel_codes=("portal", "public", "newspaper"))
    items = []
    for collection in ("exemplars", "campaigns", "news"):
        for locale in ("vi", "en"):
            items += api.get(f"{API}/{collection}/", {"locale": locale}, **bearer(key)).json()["items"]
    items = [item for item in items if item["url"]]
    assert len(items) >= 5
    for item in items:
        assert item["url"].startswith("http://testserver/")
        response = client.get(item["url"].removeprefix("http://testserver"))
        assert response.status_code == 200, item["url"]
        assert item["title"] in response.content.decode()


def test_an_item_not_on_the_sites_channels_has_no_url_in_the_api(api, make_partner, make_exemplar):
    exemplar = make_exemplar("Chỉ đăng trên Báo", channel_codes=("newspaper",))
    _partner, _token, key = make_partner(channel_codes=("newspaper",))
    [item] = api.get(f"{API}/exemplars/", **bearer(key)).json()["items"]
    assert item["id"] == exemplar.pk and item["url"] is None


def test_no_hidden_content_is_on_any_page_type(client, site_content):
    pages = Page.objects.live().type(ExemplarPage, NewsPage).specific()
    for page in pages:
        response = client.get(page.url)
        body = response.content.decode()
        for title in site_content.hidden_titles:
            assert title not in body, (page.url, title)
    for url in ("/", "/guong-dien-hinh/", "/tin-bai/", "/phong-trao-thi-dua/", "/en/"):
        body = client.get(url).content.decode()
        assert not any(title in body for title in HIDDEN_TITLES.values()), url
