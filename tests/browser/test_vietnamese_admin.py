"""In headless Chromium, as demo accounts: every screen an editor meets reads in Vietnamese."""

import re

import pytest
from playwright.sync_api import expect

from exemplar_pages.models import UnitFolderPage
from vksnd.demo import ensure_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Labels of Wagtail's own interface that would betray an untranslated screen.
ENGLISH_LABELS = [
    "Save draft",
    "Submit to",
    "Publish",
    "Dashboard",
    "Pages",
    "Search",
    "Images",
    "Documents",
    "Reports",
    "Help",
    "Settings",
    "Choose an",
    "Collapse all",
    "Sign in",
    "Workflows",
    "Account",
    "Preview",
]


@pytest.fixture
def demo_accounts(db):
    ensure_demo_accounts()  # on the baseline, which setup_site made


def english_on(page) -> list[str]:
    text = page.locator("body").inner_text()
    return [label for label in ENGLISH_LABELS if re.search(rf"\b{re.escape(label)}\b", text)]


def test_the_dashboard_has_no_english_label(page, demo_accounts, login):
    login("lamdong.bientap")
    assert "Tìm kiếm trong tất cả các trang" in page.locator("body").inner_html()
    assert english_on(page) == []


def test_the_page_editor_and_its_workflow_menu_read_in_vietnamese(page, demo_accounts, login, live_server):
    login("lamdong.bientap")
    folder = UnitFolderPage.objects.get(unit__code="VKS-LAMDONG-2025", locale__language_code="vi")
    page.goto(f"{live_server.url}/admin/pages/add/exemplar_pages/exemplarpage/{folder.pk}/")
    for tab in ("Thông tin", "Thành tích & khen thưởng", "Bài viết", "Kênh đăng tải"):
        assert page.get_by_role("tab", name=tab).is_visible()
    page.fill("#id_title", "Nguyễn Văn Đức")
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value("nguyen-van-duc")
    assert page.get_by_role("button", name="Lưu bản nháp").is_visible()
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    menu = page.locator("footer").inner_text()
    assert "Gửi duyệt" in menu
    assert english_on(page) == []


def test_the_workflow_report_reads_in_vietnamese(page, demo_accounts, login, live_server):
    login("vanphong")
    page.goto(f"{live_server.url}/admin/reports/workflow/")
    assert page.locator("h1").inner_text().strip() == "Quy trình duyệt"
    assert english_on(page) == []
