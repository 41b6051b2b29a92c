"""
A visitor on the keyboard, with larger text, high contrast, or no JavaScript at all, in headless
Chromium: the site stays usable, remembers the display choices without a cookie, and an
exemplar page weighs at most 60 KB of HTML, CSS and JavaScript.
"""

from __future__ import annotations

import pytest

from tests.browser.public_site import screens

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

PAGE_WEIGHT_LIMIT = 60 * 1024


@pytest.fixture
def visitor(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_keyboard_reaches_the_skip_link_first_and_it_moves_to_the_main_content(
    visitor, live_server, demo_database
):
    visitor.goto(live_server.url + screens("vi")["exemplar"][0])
    visitor.keyboard.press("Tab")
    focused = visitor.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Chuyển đến nội dung chính"
    assert visitor.locator(".skip-link").bounding_box()["x"] >= 0  # visible when focused
    visitor.keyboard.press("Enter")
    assert visitor.evaluate("document.activeElement.id") == "noi-dung"
    visitor.keyboard.press("Tab")
    inside_main = visitor.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main
    outline = visitor.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")  # the focus is visible


def test_text_size_and_high_contrast_persist_across_pages_without_any_cookie(
    visitor, live_server, demo_database
):
    urls = screens("vi")
    visitor.goto(live_server.url + urls["home"][0])
    base_size = visitor.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    visitor.get_by_role("button", name="A+ Tăng cỡ chữ").click()
    visitor.get_by_role("button", name="A+ Tăng cỡ chữ").click()
    contrast = visitor.get_by_role("button", name="Tương phản cao")
    contrast.click()
    assert contrast.get_attribute("aria-pressed") == "true"
    visitor.goto(live_server.url + urls["exemplar"][0])
    size = visitor.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size > base_size
    assert visitor.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert visitor.get_by_role("button", name="Tương phản cao").get_attribute("aria-pressed") == "true"
    assert visitor.context.cookies() == []  # nothing to consent to


def test_text_at_twice_the_size_loses_nothing_on_a_phone(browser, live_server, demo_database):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        for name in ("home", "exemplar", "exemplar_listing", "search_results"):
            page.goto(live_server.url + screens("vi")[name][0])
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"), name
    finally:
        context.close()


def test_without_javascript_the_site_is_read_filtered_and_searched(browser, live_server, demo_database):
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        urls = screens("vi")
        page.goto(live_server.url + urls["exemplar_listing"][0])
        page.select_option("select[name=kind]", "collective")
        with page.expect_navigation():
            page.get_by_role("button", name="Lọc", exact=True).click()
        assert "kind=collective" in page.url
        titles = page.locator("main .card h2, main .card h3").all_inner_texts()
        assert titles and all("Cá nhân" not in title for title in titles)
        page.goto(live_server.url + urls["search_nothing"][0].split("?")[0])
        page.fill("input[name=q]", "dien hinh")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "q=dien+hinh" in page.url
        assert page.locator("main .card").count() > 0
        assert page.locator(".display-tools").is_hidden()  # the controls need JavaScript: not shown
    finally:
        context.close()


def test_an_exemplar_page_without_images_weighs_at_most_60_kb_of_html_css_and_javascript(
    visitor, live_server, demo_database
):
    weights = {}

    def weigh(response):
        if response.request.resource_type in ("document", "stylesheet", "script"):
            weights[response.url] = len(response.body())

    visitor.on("response", weigh)
    visitor.goto(live_server.url + screens("vi")["collective"][0])
    visitor.wait_for_load_state("networkidle")
    assert any(url.endswith(".css") for url in weights) and any(url.endswith(".js") for url in weights)
    assert sum(weights.values()) <= PAGE_WEIGHT_LIMIT, weights
