"""In a real browser, the admin is Vietnamese from the first screen and a demo editor logs in."""

import pytest

from vksnd.demo import ensure_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_accounts(db):
    ensure_demo_accounts()  # on the baseline, which setup_site made


def test_the_login_screen_is_vietnamese(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Đăng nhập hệ thống quản trị"
    assert "Đăng nhập" in page.locator("button[type=submit]").inner_text()


def test_a_demo_unit_editor_logs_in_and_sees_the_vietnamese_dashboard(
    page, demo_accounts, login, live_server
):
    login("lamdong.bientap")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_text("Trang tổng quan").first.is_visible() or "Trang tổng quan" in page.title()
    page.goto(f"{live_server.url}/admin/pages/")
    assert page.locator("html").get_attribute("lang") == "vi"
