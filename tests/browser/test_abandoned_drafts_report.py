"""
In headless Chromium: a unit editor opens Reports → "Bản nháp bỏ dở", reads it in Vietnamese,
discards the abandoned draft of their unit's page through the confirmation page, and axe-core
finds no critical or serious violation on either screen.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exemplar_pages.models import ExemplarPage
from tests.browser.test_admin_language_crawl import ENGLISH_RE, VISIBLE_TEXT
from tests.factories import UserFactory
from tests.helpers.axe import serious_violations
from tests.workflows.test_abandoned_drafts import draft, exemplar_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_screen(page) -> None:
    assert ENGLISH_RE.findall(page.evaluate(VISIBLE_TEXT)) == []
    assert serious_violations(page) == []


def test_a_unit_editor_lists_and_discards_an_abandoned_draft(
    page, live_server, login, lam_dong_folder, settings
):
    editor = UserFactory(
        username="ld-drafts", password=settings.DEMO_PASSWORD, groups=[lam_dong_folder.unit.editor_group]
    )
    exemplar = exemplar_in(lam_dong_folder, "Gương Lâm Đồng", editor)
    draft(exemplar, editor, days_ago=30)
    login(editor.username)

    page.goto(f"{live_server.url}{reverse('abandoned_drafts')}")
    expect(page.locator("main")).to_contain_text("Gương Lâm Đồng (đang sửa dở)")
    check_screen(page)

    page.locator("[data-discard-draft]").click()
    expect(page.locator("main")).to_contain_text("Các bản nháp sau đó sẽ bị xóa")
    check_screen(page)

    page.get_by_role("button", name="Bỏ bản nháp").click()
    expect(page.locator(".messages")).to_contain_text("Đã bỏ bản nháp của")
    expect(page.locator("main")).to_contain_text("Không có kết quả nào.")
    assert not ExemplarPage.objects.get(pk=exemplar.pk).has_unpublished_changes
