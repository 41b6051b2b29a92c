"""
The template and context of each page type on the public site (registered with
exemplar_pages.rendering). Live pages are rendered from the published projection, the very
JSON the content API serves; a preview is rendered from the revision under review, turned
into the same JSON by the API's own builders, so reviewers see exactly what will be published.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import unit_graph
from cms.models import Unit
from content_api.representations import BUILDERS, KIND_BY_MODEL
from exemplar_pages.models import (
    CampaignIndexPage,
    CampaignPage,
    ExemplarIndexPage,
    ExemplarPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PlanPage,
    UnitFolderPage,
    UnitNewsPage,
    WeeklySchedulePage,
)
from exemplar_pages.rendering import Renderer, register_renderer

from . import queries, schedules, voice
from .forms import ListingFilterForm
from .navigation import alternates_for, section_alternates, site_nav

LISTINGS = {ExemplarIndexPage: "exemplar", CampaignIndexPage: "campaign", NewsIndexPage: "news"}
SECTIONS = {"exemplar": "exemplars", "campaign": "campaigns", "news": "news", "unit_news": "", "plan": ""}
DETAILS = {
    ExemplarPage: "exemplar",
    CampaignPage: "campaign",
    NewsPage: "news",
    UnitNewsPage: "unit_news",
    PlanPage: "plan",
}


def is_preview(request: HttpRequest) -> bool:
    return bool(getattr(request, "is_preview", False))


def _common(page, request: HttpRequest, alternates: dict[str, str] | None = None) -> dict[str, Any]:
    """What every page of the site needs: its language, the navigation, the other language."""
    language = page.locale.language_code
    if not is_preview(request):
        # The page cache keeps this answer (public_site/middleware.py).
        request.public_cacheable = True
    return {
        "language": language,
        "nav": site_nav(language),
        "alternates": alternates if alternates is not None else alternates_for(page),
        "is_preview": is_preview(request),
    }


def home_context(page, request: HttpRequest) -> dict[str, Any]:
    """Featured exemplars, the current campaign with its theme and motto, the latest news."""
    language = page.locale.language_code
    featured = queries.latest("exemplar", language, 6, level="outstanding") or queries.latest(
        "exemplar", language, 6
    )
    return {
        **_common(page, request, alternates=section_alternates(page)),
        "featured": featured,
        "campaign": queries.current_campaign(language),
        "news": queries.latest("news", language, 5),
    }


def listing_context(page, request: HttpRequest) -> dict[str, Any]:
    """A listing with the filters people use and keyset pages (fast at any depth)."""
    kind = LISTINGS[type(page)]
    language = page.locale.language_code
    form = ListingFilterForm(
        request.GET or None,
        kind=kind,
        units=queries.units_with_items(kind, language),
        years=queries.years(kind, language),
        campaigns=queries.campaigns_on_site(language) if kind != "campaign" else [],
    )
    criteria = form.criteria() if form.is_bound else {}
    cursor = request.GET.get("cursor")
    result = queries.listing(kind, language, criteria, cursor)
    filters = [(name, value) for name, value in request.GET.items() if name != "cursor"]
    return {
        **_common(page, request, alternates=section_alternates(page)),
        "kind": kind,
        "section": SECTIONS[kind],
        "form": form,
        "items": result.items,
        "next_url": f"?{urlencode([*filters, ('cursor', result.next_cursor)])}"
        if result.next_cursor
        else None,
        "first_url": f"{request.path}?{urlencode(filters)}" if cursor else None,
        "problem": _("Không tìm thấy trang này của danh sách; hãy xem lại từ đầu.") if result.problem else "",
    }


# What a unit's page lists: kind → (its name in the template, how many).
UNIT_SECTIONS = {
    "exemplar": ("exemplars", 12),
    "news": ("news", 8),
    "unit_news": ("unit_news", 8),
    "plan": ("plans", 8),
}


def unit_context(page, request: HttpRequest) -> dict[str, Any]:
    """A unit: what it came from and became, its exemplars and news and those of its predecessors."""
    unit: Unit = page.unit
    language = page.locale.language_code
    name, short_name = unit.names_in(language)
    context = {
        **_common(page, request),
        "unit": unit,
        "unit_name": name,
        "unit_short_name": short_name,
        "predecessors": queries.predecessors(unit),
        "successors": unit.successors_on() if unit.valid_until else [],
        **schedules.unit_schedule_context(unit, language),
    }
    sections = queries.unit_sections(
        unit, language, {kind: limit for kind, (_name, limit) in UNIT_SECTIONS.items()}
    )
    context.update({name: sections[kind] for kind, (name, _limit) in UNIT_SECTIONS.items()})
    return context


def schedule_context(page, request: HttpRequest) -> dict[str, Any]:
    """A unit's weekly schedule: the live page itself (it is not in the projection), or its preview."""
    return {**_common(page, request, alternates={}), **schedules.schedule_page_context(page, request)}


def detail_context(page, request: HttpRequest) -> dict[str, Any]:
    """An exemplar, campaign or news item: the API's detail, live or (in a preview) of the revision."""
    kind = KIND_BY_MODEL[type(page)]
    if is_preview(request):
        _summary_of, detail_of = BUILDERS[kind]
        item, _refs = detail_of(page)
        return {**_common(page, request, alternates={}), **_detail(item, kind, request)}
    found = _live_detail(page, request)
    alternates = {}
    if found is not None:
        # Addresses on this host (the projection stores them absolute, for partners).
        alternates = {locale: urlsplit(url).path for locale, url in found.translation_urls.items() if url}
        request.public_cache_tags = found.tags
    item = found.data if found else None
    context = {**_common(page, request, alternates=alternates), **_detail(item, kind, request)}
    if item and kind in voice.COMMENTED_KINDS:
        context.update(voice.comments_context(request, page.pk))
    return context


def _live_detail(page, request: HttpRequest) -> queries.Detail | None:
    """The published item, read once per request (may_serve_item reads it first)."""
    if not hasattr(request, "public_detail"):
        request.public_detail = queries.item(KIND_BY_MODEL[type(page)], page.pk)
    return request.public_detail


def _detail(item: dict | None, kind: str, request: HttpRequest) -> dict[str, Any]:
    return {
        "item": item,
        "kind": kind,
        "section": SECTIONS[kind],
        "structured": structured_data(item, kind, request) if item else None,
        **successor_note(item),
    }


def successor_note(item: dict | None) -> dict[str, Any]:
    """
    An item of a unit that has ended stays attached to it, and says what the unit is now part
    of ("nay thuộc VKSND tỉnh Lâm Đồng"). Read from the units' graph in the shared cache: no
    query on a warm cache, so the page keeps its query budget.
    """
    unit = (item or {}).get("unit") or (item or {}).get("issuing_unit")
    if not unit:
        return {}
    units = unit_graph.graph()
    today = timezone.localdate()
    ended = units.ended(unit["id"], today)
    if ended is None:
        return {}
    language = item.get("locale") or "vi"
    names = [units.name_of(pk, language) for pk in units.current_successors(unit["id"], today)]
    return {"unit_ended": ended, "unit_successors": names}


def _image_url(image: dict | None, request: HttpRequest) -> str | None:
    url = ((image or {}).get("renditions") or {}).get("large", {}).get("url")
    return request.build_absolute_uri(url) if url else None


def structured_data(item: dict, kind: str, request: HttpRequest) -> dict[str, Any] | None:
    """schema.org: a Person or an Organization for an exemplar, a NewsArticle for news."""
    unit = item.get("unit") or {}
    organisation = {"@type": "GovernmentOrganization", "name": unit.get("name")} if unit else None
    if kind == "exemplar":
        data = {
            "@context": "https://schema.org",
            "@type": "Person" if item["kind"] == "individual" else "GovernmentOrganization",
            "name": item["title"],
            "description": item.get("lead") or "",
            "url": item.get("url"),
            "award": [award["form"]["name"] for award in item.get("awards", [])],
        }
        if item["kind"] == "individual":
            data["jobTitle"] = item.get("position") or None
            data["worksFor"] = organisation
        else:
            data["parentOrganization"] = organisation
        image = _image_url(item.get("portrait"), request)
        if image:
            data["image"] = image
        return {key: value for key, value in data.items() if value not in (None, "", [])}
    if kind in ("news", "unit_news"):
        images = [block["value"]["image"] for block in item.get("body", []) if block["type"] == "image"]
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": item["title"],
            "description": item.get("lead") or "",
            "datePublished": item.get("date"),
            "dateModified": item.get("last_published_at") or item.get("date"),
            "author": {"@type": "Person", "name": item["author"]} if item.get("author") else organisation,
            "publisher": organisation,
            "mainEntityOfPage": item.get("url"),
            "inLanguage": item.get("locale"),
            "image": [url for url in (_image_url(image, request) for image in images) if url],
        }
        return {key: value for key, value in data.items() if value not in (None, "", [])}
    return None


def may_serve_item(page, request: HttpRequest) -> bool:
    """A live item is on the site only while published to the site's channels."""
    return is_preview(request) or _live_detail(page, request) is not None


def register() -> None:
    register_renderer(HomePage, Renderer("public_site/home.html", home_context))
    for model, kind in LISTINGS.items():
        register_renderer(model, Renderer(f"public_site/{kind}_index.html", listing_context))
    register_renderer(UnitFolderPage, Renderer("public_site/unit.html", unit_context))
    register_renderer(WeeklySchedulePage, Renderer("public_site/schedule.html", schedule_context))
    for model, kind in DETAILS.items():
        register_renderer(model, Renderer(f"public_site/{kind}.html", detail_context, may_serve_item))
