"""
What the public site shows, read from the same published projection the content API serves
(content_api.ContentDocument), through the API's own queries: only live, unexpired items
published to the site's channels exist here. A listing is one query over stored JSON, a deep
page costs what the first costs (keyset cursors), and an item is one or two queries.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from pydantic import ValidationError

from cms import unit_graph
from cms.models import Unit
from content_api import versioning
from content_api.api import params as api_params
from content_api.api.errors import BadParameter
from content_api.api.queries import FILTERS, Detail, load_detail, paginate, search, visible
from content_api.models import ContentDocument
from exemplar_pages.models import Award

from .channels import site_reader

PAGE_SIZE = 12
KINDS = ("exemplar", "campaign", "news")
PARAMS = {
    "exemplar": api_params.ExemplarParams,
    "campaign": api_params.CampaignParams,
    "news": api_params.NewsParams,
}


@dataclass
class Listing:
    """One page of a listing: the items (their stored summaries), the next page, a problem."""

    items: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: str | None = None
    problem: str = ""


def summaries(documents) -> list[dict[str, Any]]:
    return [json.loads(document.summary) for document in documents]


def on_site(kind: str | None = None) -> QuerySet[ContentDocument]:
    return visible(site_reader(), kind)


def item(kind: str, page_id: int) -> Detail | None:
    """An item as the API gives it to the site's channels: its detail, cache tags, translations."""
    return load_detail(site_reader(), kind, page_id)


def latest(kind: str, locale: str, limit: int, **filters) -> list[dict[str, Any]]:
    qs = on_site(kind).filter(locale=locale, **filters).order_by("-published_at", "-pk")
    return summaries(qs.only("summary")[:limit])


def listing(kind: str, locale: str, criteria: dict[str, Any], cursor: str | None) -> Listing:
    """
    A page of items of `kind` matching `criteria` (the API's filters), newest first. A value
    that names nothing (a unit code that does not exist, a bad cursor) is a problem to show,
    not an error.
    """
    wanted = {name: value for name, value in criteria.items() if value not in (None, "")}
    year = wanted.pop("year", None)
    if kind == "exemplar" and year:
        wanted["award_year"] = year
    elif kind == "news" and year:
        wanted["date_from"], wanted["date_to"] = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    elif year:
        wanted["year"] = year
    order = "-date" if kind == "news" else "-published_at"
    try:
        params = PARAMS[kind](locale=locale, order=order, **wanted)
        qs = FILTERS[kind](on_site(kind), params, site_reader())
        rows, next_cursor = paginate(qs.only("summary", "published_at", "date"), order, cursor, PAGE_SIZE)
    except BadParameter as problem:
        return Listing(problem=problem.reason)
    except ValidationError:
        return Listing(problem="invalid")
    return Listing(items=summaries(rows), next_cursor=next_cursor)


def predecessors(unit: Unit) -> list[Unit]:
    """The units this one succeeded directly (no query for a unit that succeeded none)."""
    ids = unit_graph.graph().predecessors.get(unit.pk, ())
    return list(Unit.objects.filter(pk__in=ids).order_by("short_name")) if ids else []


def unit_items(kind: str, unit: Unit, locale: str, limit: int) -> list[dict[str, Any]]:
    """The latest items of a unit and of the units it succeeded."""
    return latest(kind, locale, limit, unit_id__in=unit_graph.graph().lineage_ids(unit.pk))


def unit_sections(unit: Unit, locale: str, limits: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """
    The latest items of each kind in `limits` of a unit and the units it succeeded, in one
    query (a row number per kind), so that a unit page lists any number of sections in the
    same query budget.
    """
    ranked = (
        on_site()
        .filter(locale=locale, kind__in=list(limits), unit_id__in=unit_graph.graph().lineage_ids(unit.pk))
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("kind")], order_by=[F("published_at").desc(), F("pk").desc()]
            )
        )
        .filter(position__lte=max(limits.values(), default=0))
        .order_by("kind", "position")
        .only("kind", "summary")
    )
    sections: dict[str, list[dict[str, Any]]] = {kind: [] for kind in limits}
    for document in ranked:
        if len(sections[document.kind]) < limits[document.kind]:
            sections[document.kind].append(json.loads(document.summary))
    return sections


def search_site(text: str, locale: str, cursor: str | None) -> Listing:
    """Items whose title, lead, body, achievements or unit name match `text`, newest first."""
    try:
        qs, _rank = search(on_site().filter(locale=locale), text)
        rows, next_cursor = paginate(qs.only("summary", "published_at"), "-published_at", cursor, PAGE_SIZE)
    except BadParameter as problem:
        return Listing(problem=problem.reason)
    return Listing(items=summaries(rows), next_cursor=next_cursor)


def current_campaign(locale: str) -> dict[str, Any] | None:
    """The most recent campaign still running (launched, not yet summarised), if any."""
    items = latest("campaign", locale, 1, status="launched") or latest("campaign", locale, 1)
    return items[0] if items else None


def _facet(name: str, kind: str, locale: str, compute):
    # The choices of a listing's filters scan the whole collection, so they are computed once
    # per content version and language, not for each listing address (filters, pages).
    timeout = settings.PUBLIC_SITE_PAGE_CACHE_SECONDS
    return versioning.per_version(f"public-site:facet:{name}:{kind}:{locale}", compute, timeout)


def years(kind: str, locale: str) -> list[int]:
    """The years the filter offers: award years of the exemplars, years of campaigns and news."""
    return _facet("years", kind, locale, lambda: _years(kind, locale))


def _years(kind: str, locale: str) -> list[int]:
    qs = on_site(kind).filter(locale=locale)
    if kind == "exemplar":
        dates = Award.objects.filter(exemplar_id__in=qs.values("pk"), decision_date__isnull=False)
        found = dates.values_list("decision_date__year", flat=True).distinct()
    else:
        found = qs.exclude(year=None).values_list("year", flat=True).distinct()
    return sorted(set(found), reverse=True)


def units_with_items(kind: str, locale: str) -> list[Unit]:
    """The units the filter offers: those that have items of `kind` on the site."""

    def compute() -> list[Unit]:
        ids = on_site(kind).filter(locale=locale).exclude(unit=None).values("unit_id")
        return list(Unit.objects.filter(pk__in=ids).order_by("short_name"))

    return _facet("units", kind, locale, compute)


def campaigns_on_site(locale: str) -> list[dict[str, Any]]:
    return _facet("campaigns", "campaign", locale, lambda: latest("campaign", locale, 50))
