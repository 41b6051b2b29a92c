"""
In headless Chromium, under the enforced Content-Security-Policy: the admin (dashboard, the
editor of an exemplar with its rich text toolbar and a chooser), the public site, an embed
and the API docs work and the browser reports no violation at all.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from exemplar_pages.models import ExemplarPage
from tests.browser.public_site import screens

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

# Every violation the page sees, in the page itself (each navigation starts a new list).
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The test's page, collecting CSP violations from events and from the console."""
    seen: list[str] = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and seen.append(message.text),
    )

    def violations() -> list[str]:
        return seen + page.evaluate("window.__csp || []")

    page.violations = violations
    page.set_default_timeout(45_000)
    return page


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.ok, url
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"] or (
        "script-src 'self'" in response.headers["content-security-policy"]
    )
    page.wait_for_load_state("networkidle")


def test_the_admin_works_under_the_policy_with_no_violation(watched, live_server, login, demo_database):
    page = watched
    login("vanphong")
    visit(page, f"{live_server.url}/admin/")
    expect(page.locator("#main")).to_be_visible()
    assert page.violations() == []

    exemplar = ExemplarPage.objects.filter(locale__language_code="vi").live().order_by("pk").first()
    visit(page, f"{live_server.url}/admin/pages/{exemplar.pk}/edit/")
    assert page.violations() == []
    # A chooser opens in its modal.
    page.get_by_role("button", name="Chọn ảnh").click()
    expect(page.locator(".modal-content")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # The modal's own close button: Escape depends on where focus landed, which
    # races with the chooser's content loading.
    page.locator(".modal-content").get_by_role("button", name="Đóng").click()
    expect(page.locator(".modal-content")).to_be_hidden()
    # The rich text of the article, its toolbar, typing into it.
    page.get_by_role("tab", name="Bài viết").click()
    editor = page.locator(".Draftail-Editor:visible").first
    expect(editor).to_be_visible()
    editor.locator(".DraftEditor-root").click()
    page.keyboard.type(" thêm chữ")
    expect(editor).to_contain_text("thêm chữ")
    # Selecting text brings up the formatting toolbar.
    page.keyboard.press("Shift+Home")
    expect(page.locator("[role=toolbar]:visible").first).to_be_visible()
    assert page.violations() == []


def test_the_public_site_embeds_and_api_docs_work_under_the_policy_with_no_violation(
    watched, live_server, demo_database
):
    page = watched
    urls = screens("vi")
    for name in ("home", "exemplar", "embed"):
        visit(page, live_server.url + urls[name][0])
        assert page.violations() == [], name
    visit(page, f"{live_server.url}/api/content/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.violations() == []
