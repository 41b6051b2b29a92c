"""A unit's weekly schedule on the public site, in Chromium (vi-VN): axe finds nothing serious."""

from __future__ import annotations

import pytest

from exemplar_pages.models import WeeklySchedulePage
from tests.browser.public_site import BROWSER_LOCALE, VIEWPORTS
from tests.helpers.axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_schedule_pages_read_as_printed_and_are_accessible(browser, live_server, demo_database, viewport):
    seed_004 = WeeklySchedulePage.objects.get(unit__code="VKS-BINHTHUAN", week_start="2024-07-08")
    sample = WeeklySchedulePage.objects.filter(unit__code="VKS-LAMDONG-2025", is_sample=True).first()
    screens = {
        "week": seed_004.url,
        "archive": "/lich-cong-tac/vks-binhthuan/",
        "unit": sample.get_parent().url,
        "embed": "/nhung/lich-cong-tac/vks-lamdong-2025/",
    }
    context = browser.new_context(
        locale=BROWSER_LOCALE["vi"], viewport=VIEWPORTS[viewport], is_mobile=viewport == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = {}
    try:
        for name, url in screens.items():
            response = page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            found = {
                "status": response.status if response.status != 200 else None,
                "lang": page.get_attribute("html", "lang")
                if page.get_attribute("html", "lang") != "vi"
                else None,
                "h1": page.locator("h1").count() if page.locator("h1").count() != 1 else None,
                "axe": serious_violations(page),
                "overflow": page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"),
            }
            problems.update({f"{name} {url}": found} if any(found.values()) else {})
            if name == "week":
                text = page.locator("main").inner_text()
                assert "Thứ 2, 08/7/2024" in text and "07h30" in text and "(2,5 ngày)" in text
                assert "Phân công trực nghiệp vụ" in text
    finally:
        context.close()
    assert problems == {}
