"""The site's navigation in each language, and the addresses of a page in the other languages."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from content_api import versioning
from exemplar_pages.models import CampaignIndexPage, ExemplarIndexPage, HomePage, NewsIndexPage

NAV_KEY = "public-site:nav"
SECTIONS = {ExemplarIndexPage: "exemplars", CampaignIndexPage: "campaigns", NewsIndexPage: "news"}


def _navigation() -> dict[str, dict[str, str]]:
    """
    Language -> the addresses of its home and three listings, in one query for every language
    (homes are the site's roots, listings their children), kept under the content version.
    """
    return versioning.per_version(NAV_KEY, _build_navigation, 300)


def _build_navigation() -> dict[str, dict[str, str]]:
    names = {ContentType.objects.get_for_model(HomePage).pk: "home"} | {
        ContentType.objects.get_for_model(model).pk: name for model, name in SECTIONS.items()
    }
    pages = (
        Page.objects.live()
        .filter(content_type_id__in=names, depth__in=(2, 3))
        .select_related("locale")
        .order_by("path")
    )
    homes: dict[str, str] = {}
    navigation: dict[str, dict[str, str]] = {}
    for page in pages:
        language, name = page.locale.language_code, names[page.content_type_id]
        if name == "home":
            homes[page.path] = language
        elif homes.get(page.path[: -page.steplen]) != language:
            continue  # a listing that is not directly under its language's home
        url = page.get_url()
        if url:
            navigation.setdefault(language, {})[name] = url
    return navigation


def site_nav(language: str) -> dict[str, str]:
    """Addresses of the home, the three listings and the search page in `language`."""
    nav = dict(_navigation().get(language, {}))
    with translation.override(language):
        nav["search"] = reverse("public_site:search")
    return nav


def section_alternates(page: Page) -> dict[str, str]:
    """Language -> the same section (the home, a listing) in the other languages: no query."""
    name = "home" if isinstance(page, HomePage) else SECTIONS[type(page)]
    own = page.locale.language_code
    return {language: nav[name] for language, nav in _navigation().items() if language != own and name in nav}


def alternates_for(page: Page) -> dict[str, str]:
    """Language -> address of the page's live translations."""
    found = {}
    for other in page.get_translations().live().select_related("locale"):
        url = other.url
        if url:
            found[other.locale.language_code] = url
    return found
