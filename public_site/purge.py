"""
What a change shows on, for the CDN in front of the site (Wagtail's frontend cache): the item in
its language, the listing, home and unit page that list it, the feeds, the sitemap and the
embeds. Answers with a query string (a filtered or further listing page) cannot be listed; they
live only `PUBLIC_SITE_S_MAXAGE` seconds in the CDN. The site's own page cache needs none of
this: it is keyed by the content version, which every change turns over.
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from cms.models import Unit
from exemplar_pages.models import UnitFolderPage

from .navigation import site_nav

SECTION_OF = {"exemplar": "exemplars", "campaign": "campaigns", "news": "news"}
FEED_OF = {"exemplar": "public_site:exemplar_feed", "news": "public_site:news_feed"}


def absolute(path: str) -> str:
    base = settings.CONTENT_PUBLIC_BASE_URL or settings.WAGTAILADMIN_BASE_URL
    return urljoin(base.rstrip("/") + "/", path.lstrip("/"))


def site_wide(language: str) -> list[str]:
    nav = site_nav(language)
    with translation.override(language):
        feeds = [reverse(name) for name in FEED_OF.values()]
    return [nav[name] for name in ("home", "exemplars", "campaigns", "news") if name in nav] + feeds


def urls_for_item(
    kind: str, locale: str, urls: list[str], unit_ids: list[int], campaign_ids: list[int]
) -> list[str]:
    """Absolute addresses to purge after an item of `kind` in `locale` changed."""
    paths = [*urls, *site_wide(locale), reverse("public_site:sitemap")]
    nav = site_nav(locale)
    if SECTION_OF.get(kind) in nav:  # unit news and plans have no section: their unit page lists them
        paths.append(nav[SECTION_OF[kind]])
    for folder in UnitFolderPage.objects.filter(unit_id__in=unit_ids, locale__language_code=locale).live():
        paths.append(folder.url)
    with translation.override(locale):
        for code in Unit.objects.filter(pk__in=unit_ids).values_list("code", flat=True):
            paths.append(reverse("public_site:unit_feed", args=[code.lower()]))
            paths.append(reverse("public_site:unit_embed", args=[code.lower()]))
        for campaign_id in campaign_ids:
            paths.append(reverse("public_site:campaign_embed", args=[campaign_id]))
    return sorted({absolute(path) for path in paths if path})


def urls_for_schedule(page) -> list[str]:
    """A unit's weekly schedule: its page, the unit page, the archive, the embed and the feed."""
    code = page.unit.code.lower()
    paths = [page.url]
    folder = UnitFolderPage.objects.filter(unit_id=page.unit_id, locale__language_code="vi").live().first()
    if folder is not None:
        paths.append(folder.url)
    with translation.override("vi"):
        for name in ("schedule_archive", "schedule_embed", "schedule_ics"):
            paths.append(reverse(f"public_site:{name}", args=[code]))
    return sorted({absolute(path) for path in paths if path})


def structure_changed() -> None:
    """Home, listings or unit folders changed: purge the pages every visitor starts from."""
    purge([absolute(path) for language, _name in settings.LANGUAGES for path in site_wide(language)])


def purge(urls: list[str]) -> None:
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and urls:
        purge_urls_from_cache(urls)
