"""
Every template of the public site in headless Chromium, in Vietnamese and English, on a desktop
and a 390×844 phone: axe-core finds no critical or serious violation, the screen speaks one
language, nothing is asked of another origin, and nothing overflows the screen's width.
"""

from __future__ import annotations

import pytest

from tests.browser.public_site import (
    BROWSER_LOCALE,
    ENGLISH_LABELS,
    VIETNAMESE_LABELS,
    VIEWPORTS,
    screens,
    screenshot_dir,
    words_of,
)
from tests.helpers.axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_template_is_accessible_in_one_language_and_asks_nothing_of_another_origin(
    browser, live_server, demo_database, language, viewport, tmp_path
):
    context = browser.new_context(
        locale=BROWSER_LOCALE[language],
        viewport=VIEWPORTS[viewport],
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
    )
    foreign = []
    context.on(
        "request",
        lambda request: (
            request.url.startswith((live_server.url, "data:", "blob:")) or foreign.append(request.url)
        ),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    wrong_language = ENGLISH_LABELS if language == "vi" else VIETNAMESE_LABELS
    problems = {}
    try:
        for name, (url, status) in screens(language).items():
            response = page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            found = {
                "status": response.status if response.status != status else None,
                "lang": page.get_attribute("html", "lang")
                if page.get_attribute("html", "lang") != language
                else None,
                "h1": page.locator("h1").count() if page.locator("h1").count() != 1 else None,
                "axe": serious_violations(page),
                "wrong_language": words_of(page, wrong_language),
                "overflow": page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"),
            }
            found = {key: value for key, value in found.items() if value}
            if found:
                problems[f"{name} {url}"] = found
            if name == "exemplar":
                page.screenshot(
                    path=screenshot_dir(tmp_path) / f"public-{language}-{viewport}.png", full_page=False
                )
                # The comment form under the story (the public's voice, README).
                page.locator("#binh-luan").screenshot(
                    path=screenshot_dir(tmp_path) / f"comments-{language}-{viewport}.png"
                )
            if name == "consultation":
                page.screenshot(
                    path=screenshot_dir(tmp_path) / f"consultation-{language}-{viewport}.png", full_page=False
                )
    finally:
        context.close()
    assert problems == {}
    assert foreign == []
