"""
At 390×844, the admin screens editors use every day — dashboard, page listing, the editor with
each tab, the workflow dialog — fit the width (no sideways scrolling) and no status tag is cut.
"""

import re

import pytest
from playwright.sync_api import expect

from cms.models import Unit
from exemplar_pages.demo import DECISION_1136, merit_award
from exemplar_pages.models import ExemplarPage, UnitFolderPage
from vksnd.demo import ensure_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# Elements wider than the screen, and status tags whose text is clipped.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = document.documentElement.scrollWidth > width + 1 ? [...document.querySelectorAll("body *")]
        .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 1
            && getComputedStyle(el).position !== "fixed" && !el.closest("[hidden], .w-sr-only, template"); })
        .slice(0, 5).map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join(".")) : [];
    const cut = [...document.querySelectorAll(".w-status, .status-tag")]
        .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.innerText.trim());
    return {wide, cut};
}"""


@pytest.fixture
def submitted(db):
    ensure_demo_accounts()
    lam_dong = Unit.objects.get(code="VKS-LAMDONG-2025")
    folder = UnitFolderPage.objects.get(unit=lam_dong, locale__language_code="vi")
    page = folder.add_child(
        instance=ExemplarPage(
            title="Cá nhân mẫu điện thoại (dữ liệu mẫu)",
            unit=lam_dong,
            achievement_period="2024",
            achievements=[("achievement", "Thành tích mẫu.")],
            awards=[merit_award(DECISION_1136)],
            live=False,
        )
    )
    page.save_revision()
    return page


@pytest.fixture
def phone(browser, live_server, settings):
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    page.set_default_timeout(45_000)

    def login(username):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", settings.DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")

    page.login = login
    yield page
    context.close()


def fits(page, where: str) -> None:
    found = page.evaluate(OVERFLOW)
    assert found == {"wide": [], "cut": []}, where


def test_the_editors_screens_fit_a_phone(phone, live_server, submitted):
    phone.login("lamdong.bientap")
    fits(phone, "dashboard")
    phone.goto(f"{live_server.url}/admin/pages/{submitted.get_parent().pk}/")
    fits(phone, "page listing")

    phone.goto(f"{live_server.url}/admin/pages/{submitted.pk}/edit/")
    tabs = phone.get_by_role("tab")
    names = [tabs.nth(i).inner_text().strip() for i in range(tabs.count())]
    assert len(names) >= 4
    for name in names:
        tab = phone.get_by_role("tab", name=name)
        tab.scroll_into_view_if_needed()
        tab.click()  # every tab reachable: visible and clickable on the phone
        expect(tab).to_have_attribute("aria-selected", "true")
        fits(phone, f"editor tab {name}")
    # Submit for review from the phone, then the unit head opens the workflow dialog.
    phone.locator("footer [data-w-dropdown-target='toggle']").last.click()
    phone.get_by_role("button", name=re.compile(r"^Gửi duyệt theo ")).click()
    phone.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    phone.login("lamdong.lanhdao")
    phone.goto(f"{live_server.url}/admin/pages/{submitted.pk}/edit/")
    phone.locator("footer [data-w-dropdown-target='toggle']").last.click()
    phone.get_by_role("button", name="Yêu cầu chỉnh sửa").click()
    expect(phone.locator(".modal-content")).to_be_visible()
    fits(phone, "workflow dialog")
