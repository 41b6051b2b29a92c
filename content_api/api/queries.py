"""Selecting documents for a caller: visibility, filters, keyset pagination."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, router
from django.db.models import Exists, F, FloatField, OuterRef, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.db.models.functions import Cast
from django.utils import timezone
from taggit.models import Tag

from cms import unit_graph
from cms.models import Channel, Unit
from cms.search_backend import SEARCH_CONFIG
from cms.text import fold_accents
from exemplar_pages.models import AwardForm, ExemplarPage, NewsPage, PlanPage, UnitNewsPage
from exemplar_pages.models.awards import Award

from ..access import Caller
from ..models import ContentDocument
from . import cursor as cursors
from . import prepared
from .errors import BadParameter

Channels = ContentDocument.channels.through


def visible(
    caller: Caller, kind: str | None = None, *, now: dt.datetime | None = None
) -> QuerySet[ContentDocument]:
    """
    Documents the caller may read: live, unexpired, approved for one of its channels.

    Anything here that changes with time must come from `now`: `plain_page` keeps this SQL and
    puts the request's own time in the place of `now`.
    """
    now = timezone.now() if now is None else now
    qs = ContentDocument.objects.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    if kind:
        qs = qs.filter(kind=kind)
    entitled = Channels.objects.filter(contentdocument_id=OuterRef("pk"), channel_id__in=caller.channel_ids)
    return qs.filter(Exists(entitled))


# Filter values that must name something that exists


def content_locales() -> set[str]:
    return {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


def check_locale(value: str) -> str:
    if value not in content_locales():
        raise BadParameter(
            "locale", f"unknown locale {value!r}; one of {', '.join(sorted(content_locales()))}"
        )
    return value


def resolve_unit_id(value: str, param: str = "unit") -> int:
    """The id of the unit a parameter names by id, code or former code (no query when warm)."""
    units = unit_graph.graph()
    value = value.strip()
    pk = int(value) if value.isdigit() and len(value) < 19 else units.by_code(value)
    if pk is None or (value.isdigit() and pk not in units.known):
        raise BadParameter(param, f"no unit with id or code {value!r}")
    return pk


def resolve_unit(value: str, param: str = "unit") -> Unit:
    try:
        return Unit.objects.get(pk=resolve_unit_id(value, param))
    except Unit.DoesNotExist:  # deleted since the graph was read
        raise BadParameter(param, f"no unit with id or code {value!r}") from None


def resolve_channel(value: str, caller: Caller) -> int:
    """A channel the caller reads; another channel answers as an unknown code (no probing of codes)."""
    channel = Channel.objects.filter(code=value).values_list("pk", flat=True).first()
    if channel is None or channel not in caller.channel_ids:
        raise BadParameter("channel", f"no channel with code {value!r} among the channels you may read")
    return channel


def resolve_tag(value: str, tagged_items, caller: Caller, kind: str) -> int:
    """
    A tag carried by at least one item of `kind` the caller may read: a tag used only on
    hidden items (drafts, another channel's) answers exactly as an unknown tag does.
    """
    tags = Tag.objects.filter(Q(slug=value) | Q(name__iexact=value)).values_list("pk", flat=True)
    readable = visible(caller, kind)
    for tag in tags:
        carriers = tagged_items.objects.filter(tag_id=tag).values("content_object_id")
        if readable.filter(pk__in=carriers).exists():
            return tag
    raise BadParameter("tag", f"no tag {value!r}")


def require_document(kind: str, pk: int, param: str, caller: Caller) -> None:
    """
    The item must be one the caller may read: an item of another channel answers exactly as
    an unknown id does, so that nobody can tell hidden items exist.
    """
    if not visible(caller, kind).filter(pk=pk).exists():
        raise BadParameter(param, f"no published {kind} with id {pk}")


def linked(relation, **target) -> Exists:
    """Documents whose page is linked to `target` through a many-to-many `relation` of its model."""
    through = relation.through
    source = next(
        f.attname for f in through._meta.fields if f.is_relation and f.related_model is relation.field.model
    )
    return Exists(through.objects.filter(**{source: OuterRef("pk")}, **target))


def common_filters(qs: QuerySet, params, caller: Caller) -> QuerySet:
    qs = qs.filter(locale=check_locale(params.locale))
    if params.slug:
        qs = qs.filter(slug=params.slug)
    if params.updated_since:
        since = params.updated_since
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        qs = qs.filter(updated_at__gte=since)
    if getattr(params, "unit", None):
        qs = qs.filter(unit_id__in=unit_graph.graph().descendant_ids(resolve_unit_id(params.unit)))
    if getattr(params, "channel", None):
        channel = resolve_channel(params.channel, caller)
        qs = qs.filter(Exists(Channels.objects.filter(contentdocument_id=OuterRef("pk"), channel_id=channel)))
    return qs


def exemplar_filters(qs: QuerySet, params, caller: Caller) -> QuerySet:
    qs = common_filters(qs, params, caller)
    if params.campaign:
        require_document("campaign", params.campaign, "campaign", caller)
        qs = qs.filter(linked(ExemplarPage.campaigns, campaignpage_id=params.campaign))
    awards = Award.objects.filter(exemplar_id=OuterRef("pk"))
    if params.award_year:
        year = params.award_year
        awards = awards.filter(
            decision_date__gte=dt.date(year, 1, 1), decision_date__lte=dt.date(year, 12, 31)
        )
    if params.award_form:
        # Awards point at Vietnamese entries; the id of a translation finds them too.
        form = AwardForm.objects.filter(pk=params.award_form).values("translation_key").first()
        if form is None:
            raise BadParameter("award_form", f"no award form with id {params.award_form}")
        awards = awards.filter(award_form__translation_key=form["translation_key"])
    if params.award_category:
        awards = awards.filter(award_form__category=params.award_category)
    if params.award_year or params.award_form or params.award_category:
        qs = qs.filter(Exists(awards))
    if params.level:
        qs = qs.filter(level=params.level)
    if params.kind:
        qs = qs.filter(subject_kind=params.kind)
    if params.tag:
        through = ExemplarPage.tags.through
        tagged = through.objects.filter(
            content_object_id=OuterRef("pk"), tag_id=resolve_tag(params.tag, through, caller, "exemplar")
        )
        qs = qs.filter(Exists(tagged))
    return qs


def campaign_filters(qs: QuerySet, params, caller: Caller) -> QuerySet:
    qs = common_filters(qs, params, caller)
    if params.year:
        qs = qs.filter(year=params.year)
    if params.status:
        qs = qs.filter(status=params.status)
    return qs


def news_filters(qs: QuerySet, params, caller: Caller) -> QuerySet:
    qs = common_filters(qs, params, caller)
    if params.campaign:
        require_document("campaign", params.campaign, "campaign", caller)
        qs = qs.filter(linked(NewsPage.related_campaigns, campaignpage_id=params.campaign))
    if params.exemplar:
        require_document("exemplar", params.exemplar, "exemplar", caller)
        qs = qs.filter(linked(NewsPage.related_exemplars, exemplarpage_id=params.exemplar))
    qs = _date_range(qs, params)
    if params.tag:
        through = NewsPage.tags.through
        tagged = through.objects.filter(
            content_object_id=OuterRef("pk"), tag_id=resolve_tag(params.tag, through, caller, "news")
        )
        qs = qs.filter(Exists(tagged))
    return qs


def _date_range(qs: QuerySet, params) -> QuerySet:
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise BadParameter("date_to", "date_to is before date_from")
    if params.date_from:
        qs = qs.filter(date__gte=params.date_from)
    if params.date_to:
        qs = qs.filter(date__lte=params.date_to)
    return qs


def unit_news_filters(qs: QuerySet, params, caller: Caller) -> QuerySet:
    qs = common_filters(qs, params, caller)
    if params.campaign:
        require_document("campaign", params.campaign, "campaign", caller)
        qs = qs.filter(linked(UnitNewsPage.related_campaigns, campaignpage_id=params.campaign))
    return _date_range(qs, params)


def plan_filters(qs: QuerySet, params, caller: Caller) -> QuerySet:
    qs = common_filters(qs, params, caller)
    if params.campaign:
        require_document("campaign", params.campaign, "campaign", caller)
        qs = qs.filter(Exists(PlanPage.objects.filter(pk=OuterRef("pk"), campaign_id=params.campaign)))
    if params.year:
        qs = qs.filter(year=params.year)
    return _date_range(qs, params)


FILTERS = {
    "exemplar": exemplar_filters,
    "campaign": campaign_filters,
    "news": news_filters,
    "unit_news": unit_news_filters,
    "plan": plan_filters,
}


# Search


def search(qs: QuerySet, text: str) -> tuple[QuerySet, str]:
    """Accent-insensitive search; returns the queryset and the field to order by."""
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        # ts_rank is a float4: as a float8 it survives the JSON cursor exactly, so the keyset
        # comparison on the next page neither repeats nor skips a row.
        rank = Cast(SearchRank(F("search_vector"), query), FloatField())
        qs = qs.filter(search_vector=query).annotate(rank=rank)
        return qs, "rank"
    for word in fold_accents(text).lower().split():
        qs = qs.filter(search_text__contains=word)
    return qs, ""


# Keyset pagination

ORDER_FIELDS = {
    "published_at": "published_at",
    "updated_at": "updated_at",
    "title": "title",
    "date": "date",
    "rank": "rank",
    "id": "id",
}


def _key_value(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in ("published_at", "updated_at"):
        return dt.datetime.fromisoformat(value)
    if field == "date":
        return dt.date.fromisoformat(value)
    if field == "rank":
        return float(value)
    if field == "id":
        return int(value)
    return str(value)


def _dump_key(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _cursor_key(cursor: str, order: str, field: str) -> tuple[Any, int]:
    """The (value, id) a cursor of `order` stops at; a 400 when it was not made by this API."""
    key = cursors.decode(cursor, order)
    try:
        return _key_value(field, key[0]), int(key[1])
    except (ValueError, TypeError, IndexError):
        raise BadParameter("cursor", "malformed cursor; use the `next` URL of a previous page") from None


def paginate(
    qs: QuerySet, order: str, cursor: str | None, limit: int, id_field: str = "pk"
) -> tuple[list, Any]:
    """
    One page of `qs` in `order` ("-field" for descending), after `cursor`.

    Keyset pagination on (field, id): a deep page costs what the first one costs, and a
    publish between two requests neither skips nor repeats an item. Returns the rows and
    the cursor of the next page (None at the end).
    """
    descending = order.startswith("-")
    field = ORDER_FIELDS[order.lstrip("-")]
    if field == "date":
        qs = qs.exclude(date__isnull=True)
    if cursor:
        value, last_id = _cursor_key(cursor, order, field)
        compare = TupleLessThan if descending else TupleGreaterThan
        qs = qs.filter(compare(Tuple(F(field), F(id_field)), (value, last_id)))
    sign = "-" if descending else ""
    rows = list(qs.order_by(f"{sign}{field}", f"{sign}{id_field}")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    next_cursor = cursors.encode(order, [_dump_key(getattr(last, field)), getattr(last, id_field)])
    return rows, next_cursor


# The SQL of unfiltered lists, kept per shape
#
# Django builds and compiles a queryset's SQL again on every request. For the exemplar list
# that is about as long as PostgreSQL takes to plan, run and send the page (bench/README.md,
# "uncached list"). A list without filters (what partner portals poll after each publication,
# and every `next` page of it) compiles to the same SQL for the same shape: kind, channels,
# locale, order, limit, with or without a cursor. Only the clock and the cursor's two values
# change. Django keeps no compiled SQL, so this keeps one per shape and process.
#
# A shape is compiled once by the ORM (`visible`, the same code as every other list), with
# marker objects in place of those three values. It is kept only if each marker comes out
# untouched, at exactly one place among the parameters. On PostgreSQL they do. SQLite adapts
# datetimes to text, so there every request goes through the ORM as before.


class Row(NamedTuple):
    key: Any  # the value of the order's field
    pk: int
    summary: str


PLAIN_PARAMS = {"cursor", "limit", "locale", "order"}


@dataclass(frozen=True)
class _KeptSQL:
    compiler: Any  # the SQLCompiler: it turns raw rows into Python values as the ORM does
    sql: str
    params: tuple
    now_at: tuple[int, ...]
    cursor_at: tuple[int, int] | None


_kept: dict[tuple, _KeptSQL | None] = {}
_MAX_KEPT = 512


def _is_plain(params) -> bool:
    """No filter, search or count: only the page's own parameters differ from their defaults."""
    fields = type(params).model_fields
    return all(
        getattr(params, name) == field.default for name, field in fields.items() if name not in PLAIN_PARAMS
    )


def _compile(caller: Caller, kind: str, locale: str, order: str, limit: int, with_cursor: bool, alias: str):
    field = ORDER_FIELDS[order.lstrip("-")]
    now = dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)
    qs = visible(caller, kind, now=now).filter(locale=locale)
    if field == "date":
        qs = qs.exclude(date__isnull=True)
    markers: list[Any] = [now]
    if with_cursor:
        value_marker = {
            "published_at": dt.datetime(1902, 3, 4, 5, 6, 7, 891011, tzinfo=dt.UTC),
            "updated_at": dt.datetime(1902, 3, 4, 5, 6, 7, 891011, tzinfo=dt.UTC),
            "date": dt.date(1902, 3, 4),
            "title": "".join(["\ufffekept-sql-", "marker"]),
        }[field]
        id_marker = int("987654321987")  # a fresh object: small ints are shared
        compare = TupleLessThan if order.startswith("-") else TupleGreaterThan
        qs = qs.filter(compare(Tuple(F(field), F("pk")), (value_marker, id_marker)))
        markers += [value_marker, id_marker]
    sign = "-" if order.startswith("-") else ""
    qs = qs.order_by(f"{sign}{field}", f"{sign}pk").values_list(field, "pk", "summary")[: limit + 1]
    compiler = qs.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    where = [[i for i, param in enumerate(params) if param is marker] for marker in markers]
    if not where[0] or any(len(places) != 1 for places in where[1:]):
        return None
    return _KeptSQL(
        compiler=compiler,
        sql=sql,
        params=tuple(params),
        now_at=tuple(where[0]),
        cursor_at=(where[1][0], where[2][0]) if with_cursor else None,
    )


def plain_page(caller: Caller, kind: str, params) -> tuple[list[Row], str | None] | None:
    """
    A page of an unfiltered list through its kept SQL: the rows and the next page's cursor,
    as `paginate` gives them. None when the list has filters, or its shape cannot be kept:
    the caller then goes through the ORM.
    """
    order = params.order
    if order == "relevance" or not _is_plain(params):
        return None
    locale = check_locale(params.locale)
    field = ORDER_FIELDS[order.lstrip("-")]
    value = last_id = None
    if params.cursor:
        value, last_id = _cursor_key(params.cursor, order, field)
        if value is None:
            return None
    alias = router.db_for_read(ContentDocument) or "default"
    shape = (alias, kind, caller.channel_ids, locale, order, params.limit, bool(params.cursor))
    if shape not in _kept:
        if len(_kept) >= _MAX_KEPT:
            _kept.clear()
        _kept[shape] = _compile(caller, kind, locale, order, params.limit, bool(params.cursor), alias)
    kept = _kept[shape]
    if kept is None:
        return None
    values = list(kept.params)
    now = timezone.now()
    for place in kept.now_at:
        values[place] = now
    if kept.cursor_at:
        values[kept.cursor_at[0]], values[kept.cursor_at[1]] = value, last_id
    fetched = prepared.fetch_all(alias, kept.sql, values)
    rows = [Row(*row) for row in kept.compiler.results_iter(results=[fetched])]
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    return rows, cursors.encode(order, [_dump_key(rows[-1].key), rows[-1].pk])


@dataclass(frozen=True)
class Detail:
    """An item as a caller may see it: the API's JSON, its cache tags, its translations' addresses."""

    data: dict
    tags: list[str]
    translation_urls: dict[str, str | None]


def load_detail(caller: Caller, kind: str, pk: int) -> Detail | None:
    """The detail of one item as `caller` may see it, in three queries; None if it may not."""
    visible_docs = visible(caller)
    document = (
        visible_docs.filter(kind=kind, pk=pk).only("detail", "refs", "translation_key", "unit_id").first()
    )
    if document is None:
        return None
    data = json.loads(document.detail)
    translations = (
        visible_docs.filter(translation_key=document.translation_key).exclude(pk=pk).only("locale", "summary")
    )
    data["translations"], urls = {}, {}
    for translation in translations:
        data["translations"][translation.locale] = translation.pk
        urls[translation.locale] = json.loads(translation.summary).get("url")
    if document.refs:
        allowed = set(visible_docs.filter(pk__in=document.refs).values_list("pk", flat=True))
        for key in ("campaigns", "related_exemplars", "related_campaigns"):
            if key in data:
                data[key] = [ref for ref in data[key] if ref["id"] in allowed]
    tags = [f"{kind}-{pk}", *(f"campaign-{ref}" for ref in document.refs)]
    if document.unit_id:
        tags.append(f"unit-{document.unit_id}")
    return Detail(data, tags, urls)


def item_detail(caller: Caller, kind: str, pk: int) -> tuple[dict, list[str]] | None:
    """The detail of one item as `caller` may see it, with its cache tags; None if it may not."""
    found = load_detail(caller, kind, pk)
    return (found.data, found.tags) if found else None


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
