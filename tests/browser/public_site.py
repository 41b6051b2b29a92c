"""What the public site's browser tests share: the demo's addresses in each language, and what to check on a screen."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from engagement import consultations as engagement_consultations
from public_site import queries
from public_site.navigation import site_nav

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
BROWSER_LOCALE = {"vi": "vi-VN", "en": "en-US"}

# Words of the site's own interface that would betray a screen in the wrong language.
ENGLISH_LABELS = [
    "Home",
    "Search",
    "Skip to",
    "Exemplars",
    "Campaigns",
    "News",
    "Read more",
    "Next page",
    "First page",
    "All units",
    "Summary of achievements",
    "Awards",
    "Page not found",
    "High contrast",
    "Filter",
    "Results",
]
VIETNAMESE_LABELS = [
    "Trang chủ",
    "Tìm kiếm",
    "Chuyển đến nội dung chính",
    "Tin bài",
    "Gương điển hình",
    "Trích ngang",
    "Tương phản cao",
    "Không tìm thấy",
    "Xem tất cả",
    "Lọc",
]


def _first_url(language: str, kind: str, **filters) -> str | None:
    document = queries.on_site(kind).filter(locale=language, **filters).order_by("pk").first()
    return json.loads(document.summary)["url"].removeprefix("http://testserver") if document else None


def screens(language: str) -> dict[str, tuple[str, int]]:
    """Name -> (address, expected status) of every template of the site in `language`, from the demo."""
    nav = site_nav(language)
    prefix = "/en" if language == "en" else ""
    found = {
        "home": nav["home"],
        "exemplar_listing": nav["exemplars"],
        "campaign_listing": nav.get("campaigns"),
        "news_listing": nav.get("news"),
        "filtered_listing": nav["exemplars"] + "?unit=VKS-BINHTHUAN&kind=individual",
        "exemplar": _first_url(language, "exemplar", subject_kind="individual"),
        "collective": _first_url(language, "exemplar", subject_kind="collective"),
        "campaign": _first_url(language, "campaign"),
        "news": _first_url(language, "news"),
        "unit": f"{nav['exemplars']}vks-binhthuan/",
        "search_results": nav["search"] + ("?q=sample" if language == "en" else "?q=dien hinh"),
        "search_nothing": nav["search"] + "?q=khongcoketquanao",
        "embed": f"{prefix}/nhung/don-vi/vks-binhthuan/",
    }
    # The public consultations, with their English edition under /en/ (Vietnamese where untranslated).
    found["consultations"] = f"{prefix}/lay-y-kien/"
    open_consultation = engagement_consultations.published().order_by("-starts_at").first()
    found["consultation"] = f"{prefix}/lay-y-kien/{open_consultation.pk}/" if open_consultation else None
    screens_ = {name: (url, 200) for name, url in found.items() if url}
    screens_["not_found"] = (f"{prefix}/khong-co-trang-nay/", 404)
    return screens_


def words_of(page, labels: list[str]) -> list[str]:
    text = page.locator("body").inner_text()
    return [label for label in labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)]


def screenshot_dir(tmp_path: Path) -> Path:
    """docs/screenshots when asked (`make screenshots`), else the test's own directory."""
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path
