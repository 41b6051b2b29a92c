"""Feeds, the sitemap, robots.txt, the embeds for units' websites and the error pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client, override_settings
from django.urls import path

from vksnd import site_urls

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def feed_titles(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    return [item.findtext("title") for item in root.iter("item")]


def test_the_feeds_carry_what_is_on_the_site_in_the_language_of_their_address(client, site_content):
    exemplars = feed_titles(client, "/rss/guong-dien-hinh/")
    assert "Nguyễn Văn Đức" in exemplars and "Phòng 1 VKSND tỉnh Bình Thuận" in exemplars
    assert feed_titles(client, "/rss/tin-bai/") == ["Bình Thuận tuyên truyền gương điển hình"]
    assert feed_titles(client, "/en/rss/guong-dien-hinh/") == ["Nguyen Van Duc"]
    unit = feed_titles(client, "/rss/don-vi/vks-binhthuan/")
    assert "Nguyễn Văn Đức" in unit and "Bình Thuận tuyên truyền gương điển hình" in unit
    for hidden in site_content.hidden_titles:
        assert hidden not in exemplars and hidden not in unit


def test_the_pages_link_their_feeds(client, site_content):
    html = client.get("/guong-dien-hinh/vks-binhthuan/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/rss/don-vi/vks-binhthuan/"' in html


def test_a_unit_code_in_capitals_redirects_once_to_its_one_address(client, site_content):
    for url, canonical in (
        ("/rss/don-vi/VKS-BINHTHUAN/", "/rss/don-vi/vks-binhthuan/"),
        ("/nhung/don-vi/VKS-BinhThuan/", "/nhung/don-vi/vks-binhthuan/"),
    ):
        response = client.get(url)
        assert response.status_code == 301 and response["Location"] == canonical
    assert client.get("/rss/don-vi/khong-co/").status_code == 404
    assert client.get("/nhung/don-vi/khong-co/").status_code == 404


def test_the_sitemap_lists_every_live_page_in_both_languages_with_hreflang(client, site_content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    locations = [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in root.findall("s:url", SITEMAP_NS)]
    base = "http://testserver"
    shown = site_content.shown
    for page in (shown["exemplar"], shown["collective"], shown["news"], shown["campaign"], shown["english"]):
        assert base + page.url in locations
    for home in ("/", "/en/", "/guong-dien-hinh/", "/en/guong-dien-hinh/", "/guong-dien-hinh/vks-binhthuan/"):
        assert base + home in locations
    english = next(
        url
        for url in root.findall("s:url", SITEMAP_NS)
        if url.findtext("s:loc", namespaces=SITEMAP_NS) == base + shown["english"].url
    )
    alternates = {link.get("hreflang"): link.get("href") for link in english.findall("x:link", SITEMAP_NS)}
    assert alternates == {"vi": base + shown["exemplar"].url, "en": base + shown["english"].url}
    for hidden in site_content.hidden_titles:
        assert hidden not in response.content.decode()
    assert len(locations) == len(set(locations))
    for location in locations:
        assert client.get(location.removeprefix(base)).status_code == 200, location


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin_search_and_embeds(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    for path_ in ("/admin/", "/tim-kiem/", "/nhung/"):
        assert f"Disallow: {path_}" in body


def test_the_unit_embed_lists_the_latest_exemplars_and_may_be_framed_by_the_units_websites(
    client, site_content
):
    response = client.get("/nhung/don-vi/vks-binhthuan/")
    html = response.content.decode()
    assert response.status_code == 200 and "X-Frame-Options" not in response
    assert (
        "Nguyễn Văn Đức" in html
        and 'target="_top"' in html
        and '<meta name="robots" content="noindex">' in html
    )
    # Framed by this site and the units' websites (vksnd/csp.py, tests/vksnd/test_content_security_policy.py).
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    for hidden in site_content.hidden_titles:
        assert hidden not in html


def test_the_campaign_embed_lists_its_exemplars_and_the_unit_page_shows_the_snippet(client, site_content):
    campaign = site_content.shown["campaign"]
    html = client.get(f"/nhung/phong-trao/{campaign.pk}/").content.decode()
    assert "Nguyễn Văn Đức" in html and campaign.title in html
    assert client.get("/nhung/phong-trao/999999/").status_code == 404
    unit = client.get("/guong-dien-hinh/vks-binhthuan/").content.decode()
    assert (
        "http://testserver/nhung/don-vi/vks-binhthuan/" in unit
        and 'data-vksnd-embed="don-vi/VKS-BINHTHUAN"' in unit
    )


def test_the_embed_script_frames_the_widgets_from_this_sites_own_address(client):
    response = client.get("/nhung/nhung.js")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/javascript")
    assert 'var origin = "http://testserver"' in body and "/nhung/" in body


@pytest.mark.parametrize(
    "url, language, heading",
    [("/khong-co-trang-nay/", "vi", "Không tìm thấy trang"), ("/en/no-such-page/", "en", "Page not found")],
)
def test_a_missing_page_answers_404_in_the_sites_design_and_the_language_of_its_address(
    client, site_content, url, language, heading
):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404 and f'<html lang="{language}"' in html and heading in html
    assert html.count("<h1") == 1 and 'class="skip-link"' in html


def _broken(request):
    raise RuntimeError("the database went away")


# This module as a URL configuration: the site's own, and an address that fails.
urlpatterns = [path("hong/", _broken), path("en/hong/", _broken), *site_urls.urlpatterns]
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
@pytest.mark.parametrize(
    "url, language, heading",
    [
        ("/hong/", "vi", "Hệ thống tạm thời gặp sự cố"),
        ("/en/hong/", "en", "The site is having a temporary problem"),
    ],
)
def test_a_server_error_answers_500_in_the_sites_design_without_the_database(
    url, language, heading, django_db_blocker
):
    client = Client(raise_request_exception=False)
    with django_db_blocker.block():  # as when the database is what failed
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 500 and f'<html lang="{language}"' in html
    assert heading in html and re.search(r'href="/static/[^"]+site\.css"', html)
