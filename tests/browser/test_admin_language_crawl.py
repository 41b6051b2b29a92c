"""
Each demo role, in a Vietnamese browser, walks every admin screen it can reach from the
dashboard by following links: no screen shows a word of Wagtail's English interface, no date
is written the English way, and axe-core finds no critical or serious violation.

The same walk in an English (en-US) browser: the admin's language is each editor's own choice
in their account, else Vietnamese (LANGUAGE_CODE; vksnd/conf.py: no LocaleMiddleware), never
the browser's Accept-Language or navigator.language; the demo users chose nothing, so they
still read Vietnamese everywhere, scripts' texts and dates included.

Bounded for a shared machine: one screen per URL pattern (numbers folded: /pages/12/edit/ and
/pages/13/edit/ are one), at most MAX_SCREENS per role (EN_MAX_SCREENS in the English
browser, which repeats the same screens), actions that change data never followed.
"""

from __future__ import annotations

import os
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from tests.helpers.axe import serious_violations
from vksnd.demo import ensure_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

ROLES = ["lamdong.bientap", "lamdong.lanhdao", "thidua", "tapchi", "baobvpl", "vanphong"]
MAX_SCREENS = int(os.environ.get("ADMIN_CRAWL_MAX_SCREENS", "15"))
EN_MAX_SCREENS = int(os.environ.get("ADMIN_CRAWL_EN_MAX_SCREENS", "5"))

# Words and phrases of Wagtail's (and wagtail-localize's) English interface. Names and
# abbreviations (VKSND, API, CSV, PO, URL, ID, SEO, Email) are not words of this list.
ENGLISH = [
    "Dashboard",
    "Pages",
    "Page",
    "Edit",
    "Delete",
    "Save draft",
    "Publish",
    "Unpublish",
    "Preview",
    "Search",
    "Settings",
    "Reports",
    "Help",
    "Choose",
    "Status",
    "Draft",
    "Live",
    "More actions",
    "Actions",
    "Sort by",
    "Filter",
    "Filters",
    "Add child page",
    "History",
    "Revisions",
    "Workflow",
    "Workflows",
    "Translation",
    "Translations",
    "Cancel",
    "Submit",
    "Sign out",
    "Log out",
    "Account",
    "Collapse all",
    "Expand all",
    "Yes",
    "No",
    "True",
    "False",
    "None",
    "minutes",
    "hours",
    "ago",
    "Updated",
    "Owner",
    "Type",
    "Title",
    "Documents",
    "Images",
    "Snippets",
    "Users",
    "Groups",
    "Locales",
    "Sites",
    "Redirects",
    "Task",
    "Tasks",
    "Approve",
    "Request changes",
    "Comments",
    "Comment",
    "Next",
    "Previous",
    "Show",
    "Hide",
    "Close",
    "View",
    "Add",
    "Upload",
    "Select",
    "Clear",
    "Apply",
    "Loading",
    "Error",
    "Success",
    "Warning",
]
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")
MONTHS = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2},? \d{4}\b"
)

# Links that change data or leave the admin's screens: never followed.
SKIP = re.compile(
    r"logout|delete|unpublish|revert|/copy/|/move/|/lock/|/unlock/|convert_alias|/disable/|/enable/"
    r"|export|download|/preview|/view_draft|/cancel|/stop/|/restart|\.csv|\.xlsx|/serve/|/rotate|/revoke"
)

# The visible text, without what is not the interface's: content typed by people (page titles
# in English editions, code), and elements marked as another language.
VISIBLE_TEXT = """() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll('[lang]:not([lang^="vi"]), code, pre, script, style, template, .w-sr-only,'
        + ' [hidden], .title-wrapper, .title, td.title, [data-w-crawl-ignore], svg').forEach((el) => el.remove());
    return clone.innerText;
}"""


def pattern(url: str) -> str:
    parts = urlsplit(url)
    return re.sub(r"\d+", "N", parts.path)


def links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "(as) => as.map((a) => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parts = urlsplit(url)
        if not url.startswith(base + "/admin/") or SKIP.search(parts.path + "?" + parts.query):
            continue
        found.append(f"{base}{parts.path}")
    return found


def crawl(page, base: str, max_screens: int) -> list[str]:
    problems, seen, queue = [], set(), deque([f"{base}/admin/"])
    visited = 0
    while queue and visited < max_screens:
        url = queue.popleft()
        if pattern(url) in seen:
            continue
        seen.add(pattern(url))
        response = page.goto(url)
        if (
            response is None
            or response.status >= 400
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        if not page.url.startswith(base + "/admin/") or "/admin/login/" in page.url:
            continue
        visited += 1
        language = page.evaluate("document.documentElement.lang")
        if not language.startswith("vi"):
            problems.append(f"{pattern(url)}: <html lang={language!r}>")
        text = page.evaluate(VISIBLE_TEXT)
        words = sorted(set(ENGLISH_RE.findall(text)))
        if words:
            problems.append(f"{pattern(url)}: English {words}")
        if MONTHS.search(text):
            problems.append(f"{pattern(url)}: English date {MONTHS.search(text).group(0)!r}")
        for violation in serious_violations(page):
            problems.append(
                f"{pattern(url)}: axe {violation['impact']} {violation['id']} {violation['nodes']}"
            )
        queue.extend(link for link in links(page, base) if pattern(link) not in seen)
    assert visited >= min(4, max_screens), "the crawl reached almost nothing"
    return problems


@pytest.mark.parametrize(
    ("browser_locale", "max_screens"),
    [("vi-VN", MAX_SCREENS), ("en-US", EN_MAX_SCREENS)],
    ids=["vietnamese-browser", "english-browser"],
)
def test_every_screen_each_role_reaches_reads_in_vietnamese_and_passes_axe(
    browser, live_server, settings, browser_locale, max_screens
):
    ensure_demo_accounts()
    problems = []
    for username in ROLES:
        context = browser.new_context(locale=browser_locale, timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.set_default_timeout(45_000)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", settings.DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        problems += [f"{username} {problem}" for problem in crawl(page, live_server.url, max_screens)]
        context.close()
    assert problems == []
