"""
In headless Chromium: Wagtail's date and date-time pickers, as editors open them, have named
buttons (in Vietnamese) that work by their names, and no serious or critical axe-core violation.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from exemplar_pages.models import UnitFolderPage
from tests.helpers.axe import serious_violations
from vksnd.demo import ensure_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PICKER = ".xdsoft_datetimepicker:visible"


@pytest.fixture
def editor(page, login):
    ensure_demo_accounts()
    login("admin")
    return page


def test_a_date_pickers_buttons_have_names_that_work_and_it_passes_axe(editor, live_server):
    folder = UnitFolderPage.objects.get(unit__code="VKS-LAMDONG-2025", locale__language_code="vi")
    editor.goto(f"{live_server.url}/admin/pages/add/exemplar_pages/unitnewspage/{folder.pk}/")
    editor.locator("input[name=date]").click()
    picker = editor.locator(PICKER)
    month = picker.locator(".xdsoft_month span")
    shown = month.inner_text()
    picker.get_by_role("button", name="Tháng sau").click()
    expect(month).not_to_have_text(shown)
    picker.get_by_role("button", name="Tháng trước").click()
    expect(month).to_have_text(shown)
    expect(picker.get_by_role("button", name="Về hôm nay")).to_be_visible()
    assert serious_violations(editor) == []


def test_a_date_time_pickers_time_buttons_have_names_and_it_passes_axe(editor, live_server):
    editor.goto(f"{live_server.url}/admin/snippets/engagement/consultation/add/")
    editor.locator("input[name=starts_at]").click()
    picker = editor.locator(PICKER)
    expect(picker.get_by_role("button", name="Giờ sớm hơn")).to_be_attached()
    expect(picker.get_by_role("button", name="Giờ muộn hơn")).to_be_attached()
    expect(picker.get_by_role("button", name="Tháng sau")).to_be_visible()
    assert serious_violations(editor) == []
