"""
An anonymous visitor follows every link of the site from both homes and from the sitemap, and
tries odd query strings on every listing, search and embed: no answer is ever a server error,
and nothing unpublished, private, expired, in moderation or for other channels shows anywhere.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
NOT_THE_SITE = ("/admin/", "/api/", "/static/", "/media/", "/documents/", "/django-admin/")
LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")
XML_LINK = re.compile(r"<(?:loc|link|guid)>([^<]+)</")
ODD_QUERIES = [
    "year=abc",
    "year=99999999999999999999",
    "year=-1",
    "year=2024&year=1900",
    "unit=KHONG-CO-DON-VI",
    "unit=%00",
    "unit=vks-binhthuan&kind=individual&level=outstanding",
    "campaign=-1",
    "campaign=abc",
    "campaign=99999999999999999999",
    "level=x&kind=y",
    "cursor=garbage",
    "cursor=",
    "cursor=eyJ4IjogMX0",
    "q=",
    "q=%00",
    "q=" + "đ" * 3000,
    "q=%27%22%3Cscript%3E",
    "%ff=%ff",
    "unit[]=x&year[]=1",
]


def links_of(url: str, response) -> set[str]:
    content_type = response.get("Content-Type", "")
    body = response.content.decode("utf-8", "replace")
    found = set()
    if "html" in content_type:
        found = {html_lib.unescape(link) for link in LINK.findall(body)}
    elif "xml" in content_type:
        found = set(XML_LINK.findall(body)) | {html_lib.unescape(link) for link in LINK.findall(body)}
    addresses = set()
    for link in found:
        absolute = urljoin(ORIGIN + url, link.strip())
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN or parts.path.startswith(NOT_THE_SITE):
            continue
        addresses.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return addresses


def crawl(client: Client, starts: list[str], limit: int = 600) -> dict[str, object]:
    seen: dict[str, object] = {}
    queue = deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code == 200:
            queue.extend(link for link in links_of(url, response) if link not in seen)
    assert len(seen) < limit, "the crawl did not end: a link grows without bound"
    return seen


def hidden_forms(titles: set[str]) -> list[str]:
    """A title as it could appear: as is, escaped in HTML, escaped in JSON."""
    return [form for title in titles for form in {title, html_lib.escape(title), json.dumps(title)[1:-1]}]


def test_every_page_reachable_from_the_homes_and_the_sitemap_answers_and_hides_what_it_must(
    client, site_content, make_news
):
    for n in range(14):  # more than a page of news: the listings' next pages are crawled too
        make_news(f"Tin bài thêm số {n}")
    seen = crawl(client, ["/", "/en/", "/sitemap.xml", "/robots.txt"])
    statuses = {url: response.status_code for url, response in seen.items()}
    assert set(statuses.values()) <= {200, 301, 302, 404}, {u: s for u, s in statuses.items() if s >= 500}
    reached = {url for url, status in statuses.items() if status == 200}
    shown = site_content.shown
    for page in (shown["exemplar"], shown["collective"], shown["news"], shown["campaign"], shown["english"]):
        assert page.url in reached
    for address in (
        "/rss/guong-dien-hinh/",
        "/en/rss/guong-dien-hinh/",
        "/rss/don-vi/vks-binhthuan/",
        "/nhung/don-vi/vks-binhthuan/",
        f"/nhung/phong-trao/{shown['campaign'].pk}/",
    ):
        assert address in reached, address
    assert any("cursor=" in url for url in reached), "the next page of a listing was not reached"
    forms = hidden_forms(site_content.hidden_titles)
    for url, response in seen.items():
        body = response.content.decode("utf-8", "replace")
        leaked = [form for form in forms if form in body]
        assert not leaked, (url, leaked)


def test_odd_query_strings_on_every_listing_search_and_embed_never_break_a_page(client, site_content):
    campaign = site_content.shown["campaign"]
    pages = [
        "/guong-dien-hinh/",
        "/phong-trao-thi-dua/",
        "/tin-bai/",
        "/tim-kiem/",
        "/en/guong-dien-hinh/",
        "/en/tim-kiem/",
        "/guong-dien-hinh/vks-binhthuan/",
        "/nhung/don-vi/vks-binhthuan/",
        f"/nhung/phong-trao/{campaign.pk}/",
        "/rss/guong-dien-hinh/",
        "/sitemap.xml",
    ]
    for page in pages:
        for query in ODD_QUERIES:
            response = client.get(f"{page}?{query}")
            assert response.status_code in (200, 301, 302, 400, 404), (page, query, response.status_code)
            if "<script>" in query or "%3Cscript" in query:
                assert "<script>alert" not in response.content.decode()
