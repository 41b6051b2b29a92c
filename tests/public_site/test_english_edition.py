"""The English edition under /en/: approved English pages only, no Vietnamese fallback, a switch to the page's own translation."""

from __future__ import annotations

import re

import pytest

from tests.helpers.api import publish_english_edition

pytestmark = pytest.mark.django_db


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">', html))


def test_an_english_page_is_english_and_links_its_vietnamese_original(client, make_exemplar):
    vietnamese = make_exemplar("Nguyễn Văn Đức")
    english = publish_english_edition(vietnamese)
    assert english.url.startswith("/en/")
    html = client.get(english.url).content.decode()
    assert '<html lang="en"' in html
    assert "Summary of achievements" in html and "Trích ngang thành tích" not in html
    assert "Skip to main content" in html and "Home" in html
    switch = re.search(r'<a class="language-switch" lang="vi" hreflang="vi" href="([^"]+)">', html)
    assert switch and switch.group(1) == vietnamese.url
    assert hreflangs(html) == {
        "vi": f"http://testserver{vietnamese.url}",
        "en": f"http://testserver{english.url}",
    }


def test_the_vietnamese_page_switches_to_its_own_english_translation_not_the_home(client, make_exemplar):
    vietnamese = make_exemplar("Nguyễn Văn Đức")
    english = publish_english_edition(vietnamese)
    html = client.get(vietnamese.url).content.decode()
    switch = re.search(r'<a class="language-switch" lang="en" hreflang="en" href="([^"]+)">', html)
    assert switch.group(1) == english.url


def test_a_page_without_an_english_edition_has_no_english_address(client, make_exemplar):
    vietnamese = make_exemplar("Chỉ có bản tiếng Việt")
    assert client.get("/en" + vietnamese.url).status_code == 404
    html = client.get(vietnamese.url).content.decode()
    assert 'hreflang="en" href="/en/"' in html  # the switch leads to the English home
    assert "hreflang" not in "".join(re.findall(r"<link rel=\"alternate\" hreflang[^>]+>", html))


def test_the_english_home_lists_english_editions_only(client, make_exemplar):
    vietnamese = make_exemplar("Nguyễn Văn Đức")
    make_exemplar("Chỉ có bản tiếng Việt")
    publish_english_edition(vietnamese, title="Nguyen Van Duc")
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html and "Nguyen Van Duc" in html
    assert "Chỉ có bản tiếng Việt" not in html and "Nguyễn Văn Đức" not in html
    assert "Featured exemplars" in html


def test_an_english_browser_still_gets_the_vietnamese_site_at_the_root(client, make_exemplar):
    make_exemplar("Nguyễn Văn Đức")
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi"' in html and "Chuyển đến nội dung chính" in html
