"""RSS feeds of the site (Django's syndication framework): exemplars, news, and each unit's."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.models import Unit

from . import queries
from .navigation import site_nav
from .purge import absolute
from .views import canonical_code

FEED_SIZE = 30


class SiteFeed(Feed):
    """A feed of items from the projection, in the language of its address, kept by the page cache."""

    kind = "exemplar"
    section = "exemplars"

    def __call__(self, request: HttpRequest, *args, **kwargs):
        request.public_cacheable = True
        return super().__call__(request, *args, **kwargs)

    def language(self) -> str:
        return translation.get_language()

    def link(self) -> str:
        return absolute(site_nav(translation.get_language()).get(self.section, "/"))

    def items(self) -> list[dict[str, Any]]:
        return queries.latest(self.kind, translation.get_language(), FEED_SIZE)

    def item_title(self, item: dict) -> str:
        return item["title"]

    def item_description(self, item: dict) -> str:
        return item.get("lead") or item.get("theme") or ""

    def item_link(self, item: dict) -> str:
        return item["url"]

    def item_guid(self, item: dict) -> str:
        return item["url"]

    def item_pubdate(self, item: dict) -> datetime.datetime | None:
        value = item.get("first_published_at") or item.get("last_published_at")
        return datetime.datetime.fromisoformat(value) if value else None


class ExemplarFeed(SiteFeed):
    title = _("Gương điển hình tiên tiến — VKSND")
    description = _("Gương điển hình tiên tiến mới được đăng tải.")


class NewsFeed(SiteFeed):
    kind = "news"
    section = "news"
    title = _("Tin bài thi đua — VKSND")
    description = _("Tin bài mới về phong trào thi đua.")


class UnitFeed(SiteFeed):
    """The exemplars and news of a unit and of the units it succeeded."""

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return canonical_code(request, kwargs["code"]) or super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, code: str) -> Unit:
        return get_object_or_404(Unit, code=code.upper())

    def title(self, unit: Unit) -> str:
        return unit.names_in(translation.get_language())[1]

    def description(self, unit: Unit) -> str:
        return str(_("Gương điển hình và tin bài của %(unit)s.")) % {"unit": self.title(unit)}

    def link(self, unit: Unit) -> str:
        return absolute(site_nav(translation.get_language()).get("home", "/"))

    def items(self, unit: Unit) -> list[dict[str, Any]]:
        language = translation.get_language()
        items = queries.unit_items("exemplar", unit, language, FEED_SIZE) + queries.unit_items(
            "news", unit, language, FEED_SIZE
        )
        return sorted(items, key=lambda item: item.get("first_published_at") or "", reverse=True)[:FEED_SIZE]
