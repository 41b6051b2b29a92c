"""
The public site's own views (its pages are Wagtail pages, see renderers.py): search, the
embeddable widgets for units' websites, robots.txt, the sitemap and the error pages.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt

from cms.models import Unit
from exemplar_pages.models import UnitFolderPage

from . import queries
from .forms import SearchForm
from .middleware import language_of
from .navigation import site_nav
from .purge import absolute

EMBED_SIZE = 5


def _site_context(request: HttpRequest, alternates: dict[str, str] | None = None) -> dict:
    language = translation.get_language()
    request.public_cacheable = True
    return {"language": language, "nav": site_nav(language), "alternates": alternates or {}}


def _other_language_paths(name: str, *args) -> dict[str, str]:
    found = {}
    for language, _label in settings.LANGUAGES:
        if language != translation.get_language():
            with translation.override(language):
                found[language] = reverse(name, args=args)
    return found


def search(request: HttpRequest) -> TemplateResponse:
    """Tìm kiếm: titles, leads, bodies, achievements and unit names, with or without diacritics."""
    form = SearchForm(request.GET or None)
    result, query, next_url = None, "", None
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        result = queries.search_site(query, translation.get_language(), request.GET.get("cursor"))
        if result.next_cursor:
            next_url = "?" + urlencode({"q": query, "cursor": result.next_cursor})
    context = {
        **_site_context(request, _other_language_paths("public_site:search")),
        "form": form,
        "query": query,
        "result": result,
        "next_url": next_url,
    }
    return TemplateResponse(request, "public_site/search.html", context)


def _embed(request: HttpRequest, title: str, items: list[dict], more_url: str | None) -> TemplateResponse:
    request.public_cacheable = True
    context = {"language": translation.get_language(), "title": title, "items": items, "more_url": more_url}
    response = TemplateResponse(request, "public_site/embed.html", context)
    return response


def canonical_code(request: HttpRequest, code: str) -> HttpResponse | None:
    """Unit codes are lower case in addresses (one address per answer, for caches and purges)."""
    if code == code.lower():
        return None
    return HttpResponsePermanentRedirect(request.path.replace(f"/{code}/", f"/{code.lower()}/", 1))


@xframe_options_exempt
def unit_embed(request: HttpRequest, code: str) -> HttpResponse:
    """The latest exemplars of a unit (and of the units it succeeded), for the unit's own website."""
    if redirect := canonical_code(request, code):
        return redirect
    unit = get_object_or_404(Unit, code=code.upper())
    language = translation.get_language()
    _name, short_name = unit.names_in(language)
    folder = UnitFolderPage.objects.filter(unit=unit, locale__language_code=language).live().first()
    items = queries.unit_items("exemplar", unit, language, EMBED_SIZE)
    return _embed(request, short_name, items, absolute(folder.url) if folder and folder.url else None)


@xframe_options_exempt
def campaign_embed(request: HttpRequest, campaign_id: int) -> TemplateResponse:
    """The latest exemplars of a campaign."""
    language = translation.get_language()
    found = queries.item("campaign", campaign_id)
    if found is None or found.data["locale"] != language:
        raise Http404
    campaign = found.data
    result = queries.listing("exemplar", language, {"campaign": campaign_id}, None)
    return _embed(request, campaign["title"], result.items[:EMBED_SIZE], campaign["url"])


def embed_script(request: HttpRequest) -> HttpResponse:
    """The script variant: replaces each <div data-vksnd-embed="…"> by the widget's iframe."""
    request.public_cacheable = True
    body = loader.render_to_string("public_site/embed.js", {"origin": absolute("/").rstrip("/")})
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")


def robots(request: HttpRequest) -> HttpResponse:
    request.public_cacheable = True
    body = loader.render_to_string(
        "public_site/robots.txt", {"sitemap": absolute(reverse("public_site:sitemap"))}
    )
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def sitemap(request: HttpRequest) -> HttpResponse:
    """Every page on the site in both languages, with each page's other language (hreflang)."""
    request.public_cacheable = True
    entries = [{"url": absolute(url), "alternates": [], "lastmod": None} for url in _structure_urls()]
    documents = list(
        queries.on_site().only("summary", "translation_key", "locale", "updated_at").order_by("kind", "pk")
    )
    by_key: dict = {}
    for document in documents:
        by_key.setdefault(document.translation_key, []).append(document)
    for document in documents:
        summary = json.loads(document.summary)
        if not summary.get("url"):
            continue
        alternates = [
            {"language": other.locale, "url": json.loads(other.summary)["url"]}
            for other in by_key[document.translation_key]
            if other.pk != document.pk
        ]
        if alternates:
            alternates.append({"language": document.locale, "url": summary["url"]})
        entries.append({"url": summary["url"], "alternates": alternates, "lastmod": document.updated_at})
    body = loader.render_to_string("public_site/sitemap.xml", {"entries": entries})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _structure_urls() -> list[str]:
    urls = []
    for language, _label in settings.LANGUAGES:
        nav = site_nav(language)
        urls += [nav[name] for name in ("home", "exemplars", "campaigns", "news") if name in nav]
    # Units with something on the site (an empty unit page is no page for search engines).
    with_items = queries.on_site().exclude(unit=None).values("unit_id")
    folders = UnitFolderPage.objects.live().filter(unit_id__in=with_items).select_related("locale")
    return urls + [folder.url for folder in folders if folder.url]


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404 in the site's design, in the language of the address asked for."""
    with translation.override(language_of(request.path_info)):
        language = translation.get_language()
        body = loader.render_to_string(
            "public_site/404.html", {"language": language, "nav": site_nav(language)}, request
        )
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the site's design, without the database (which may be what failed)."""
    with translation.override(language_of(request.path_info)):
        body = loader.render_to_string("public_site/500.html", {"language": translation.get_language()})
    return HttpResponseServerError(body)
