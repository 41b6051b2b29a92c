"""The endpoints of the content API: exemplars, campaigns, news, unit news and plans, units and the units' weekly schedules."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router

from cms.models import Unit
from cms.text import fold_accents
from exemplar_pages.schedules import parse_iso_week

from .. import expiry, schedules
from ..access import Caller
from ..representations import API_PREFIX, unit_ref
from . import cursor as cursors
from . import params as p
from . import queries, schemas
from .auth import PartnerOrPublic
from .errors import BadParameter
from .http import cached_json, rate_limited
from .params import MAX_ID

router = Router(auth=PartnerOrPublic())

ERRORS = {400: schemas.Problem, 401: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}
LIST_EXTRA = {"cursor", "limit", "count"}


def _is_control(character: str) -> bool:
    return ord(character) < 32 or ord(character) == 127


def _refuse_unsafe(request: HttpRequest) -> None:
    """
    Control characters (NUL above all, which PostgreSQL refuses in text) have no place in
    any parameter, name or value: a 400 naming the parameter, before anything reads it.
    """
    for name, values in request.GET.lists():
        if any(_is_control(c) for text in (name, *values) for c in text):
            raise BadParameter(name, "contains a control character (such as NUL), which no parameter accepts")


def _refuse_unknown(request: HttpRequest, schema) -> None:
    _refuse_unsafe(request)
    unknown = sorted(set(request.GET) - set(schema.model_fields))
    if unknown:
        raise BadParameter(
            unknown[0], f"unknown parameter; allowed: {', '.join(sorted(schema.model_fields))}"
        )


def next_url(request: HttpRequest, next_cursor: str | None, param: str = "cursor") -> str | None:
    if next_cursor is None:
        return None
    query = [(k, v) for k, values in request.GET.lists() for v in values if k != param]
    query.append((param, next_cursor))
    return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")


def _envelope(items: list[bytes], next_link: str | None, count: int | None) -> bytes:
    body = b'{"items":[' + b",".join(items) + b'],"next":' + queries.dumps(next_link)
    if count is not None:
        body += b',"count":' + str(count).encode()
    return body + b"}"


def _read(request: HttpRequest, name: str):
    """A value content_api.middleware read from the cache for this request, or None."""
    return (getattr(request, "content_api_read", None) or {}).get(name)


def guard(request: HttpRequest, schema):
    caller: Caller = request.auth
    expiry.expire_if_due(_read(request, "next_expiry"))
    limited = rate_limited(caller, request)
    if limited is None:
        _refuse_unknown(request, schema)
    return caller, limited


def _filtered_page(caller: Caller, kind: str, params):
    """A page of a list with filters, a search or a count, through the ORM; and the count."""
    qs = queries.FILTERS[kind](queries.visible(caller, kind), params, caller)
    order = params.order
    if order == "relevance" and not params.search:
        raise BadParameter("order", "`relevance` orders the results of a `search`; give one")
    if params.search:
        qs, rank = queries.search(qs, params.search)
        if order == "relevance":
            # Without PostgreSQL's ranking (SQLite), the newest match comes first.
            order = "-rank" if rank else "-published_at"
    count = qs.count() if params.count else None
    page = queries.paginate(
        qs.only("pk", "summary", "published_at", "updated_at", "title", "date"),
        order,
        params.cursor,
        params.limit,
    )
    return page, count


def _listing(request: HttpRequest, kind: str, params):
    caller, limited = guard(request, type(params))
    if limited:
        return limited

    def build():
        count = None
        page = queries.plain_page(caller, kind, params)  # no filter: SQL kept per shape
        if page is None:
            page, count = _filtered_page(caller, kind, params)
        rows, next_cursor = page
        tags = [f"{kind}s", *(f"{kind}-{row.pk}" for row in rows)]
        if getattr(params, "unit", None):
            tags.append(f"unit-{params.unit}")
        return _envelope([row.summary.encode() for row in rows], next_url(request, next_cursor), count), tags

    return cached_json(request, caller, build)


def _detail_guard(request: HttpRequest):
    """Rate limit and parameter check of the endpoints that take no query parameters."""
    caller: Caller = request.auth
    expiry.expire_if_due(_read(request, "next_expiry"))
    limited = rate_limited(caller, request)
    if limited is None and request.GET:
        _refuse_unsafe(request)
        raise BadParameter(sorted(request.GET)[0], "unknown parameter; this endpoint takes none")
    return caller, limited


def _detail(request: HttpRequest, kind: str, pk: int):
    caller, limited = _detail_guard(request)
    if limited:
        return limited

    def build():
        found = queries.item_detail(caller, kind, pk)
        if found is None:
            raise Http404(f"No published {kind} with id {pk} is available to you.")
        data, tags = found
        return queries.dumps(data), tags

    return cached_json(request, caller, build)


def _collection(
    path: str,
    kind: str,
    *,
    tag: str,
    params,
    page,
    detail,
    list_name: str,
    get_name: str,
    list_summary: str,
    get_summary: str,
    list_doc: str | None = None,
) -> None:
    """
    The two endpoints of one kind of content: its listing at `path` and one item at
    `path{id}/`. Ninja reads each view's signature and docstring for the OpenAPI document,
    so the views are given the names, annotations and docstring a hand-written pair has;
    `list_name` and `get_name` are the operation ids and the URL names.
    """

    def listing(request, params):
        return _listing(request, kind, params)

    listing.__annotations__ = {"params": Query[params]}
    listing.__name__ = listing.__qualname__ = list_name
    listing.__doc__ = list_doc
    router.get(
        path,
        response={200: page, **ERRORS},
        operation_id=list_name,
        summary=list_summary,
        tags=[tag],
    )(listing)

    def item(request, id: int = Path(..., ge=1, le=MAX_ID)):
        return _detail(request, kind, id)

    item.__name__ = item.__qualname__ = get_name
    router.get(
        f"{path}{{int:id}}/",
        response={200: detail, **ERRORS},
        operation_id=get_name,
        summary=get_summary,
        tags=[tag],
    )(item)


_collection(
    "/exemplars/",
    "exemplar",
    tag="exemplars",
    params=p.ExemplarParams,
    page=schemas.ExemplarPage,
    detail=schemas.ExemplarDetail,
    list_name="list_exemplars",
    get_name="get_exemplar",
    list_summary="Exemplars approved for your channels",
    get_summary="One exemplar, with everything needed to render it",
    list_doc="Newest first by default; `slug` + `locale` finds one exemplar by its address.",
)
_collection(
    "/campaigns/",
    "campaign",
    tag="campaigns",
    params=p.CampaignParams,
    page=schemas.CampaignPage,
    detail=schemas.CampaignDetail,
    list_name="list_campaigns",
    get_name="get_campaign",
    list_summary="Emulation campaigns approved for your channels",
    get_summary="One campaign",
)
_collection(
    "/news/",
    "news",
    tag="news",
    params=p.NewsParams,
    page=schemas.NewsPage,
    detail=schemas.NewsDetail,
    list_name="list_news",
    get_name="get_news",
    list_summary="News approved for your channels",
    get_summary="One news article",
)

# What units send: news of their emulation work, and their plans. `unit` includes the
# unit's sub-units.
_collection(
    "/unit-news/",
    "unit_news",
    tag="unit news",
    params=p.UnitNewsParams,
    page=schemas.UnitNewsPage,
    detail=schemas.UnitNewsDetail,
    list_name="list_unit_news",
    get_name="get_unit_news",
    list_summary="Units' news of their emulation work, approved for your channels",
    get_summary="One unit news item",
    list_doc="`unit` includes the unit's sub-units.",
)
_collection(
    "/unit-plans/",
    "plan",
    tag="unit plans",
    params=p.PlanParams,
    page=schemas.PlanPage,
    detail=schemas.PlanDetail,
    list_name="list_unit_plans",
    get_name="get_unit_plan",
    list_summary="Units' plans (kế hoạch), approved for your channels",
    get_summary="One unit plan, with its document",
    list_doc="`unit` includes the unit's sub-units.",
)


# Units: the public directory of the procuracy's units (not channel-scoped).


def _unit_summary(unit: Unit, today) -> dict:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "name_en": unit.name_en or None,
        "short_name_en": (unit.short_name_en or unit.name_en) or None,
        "level": unit.level,
        "province": unit.province,
        "parent": unit.parent_id,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_until": unit.valid_until.isoformat() if unit.valid_until else None,
        "is_current": unit.is_valid_on(today),
        "api_url": f"{API_PREFIX}/units/{unit.pk}/",
    }


@router.get(
    "/units/",
    response={200: schemas.UnitPage, **ERRORS},
    operation_id="list_units",
    summary="Units of the procuracy, before and after the 2025 reorganisation",
    tags=["units"],
)
def list_units(request, params: Query[p.UnitParams]):
    caller, limited = guard(request, p.UnitParams)
    if limited:
        return limited

    def build():
        qs = Unit.objects.all()
        if params.code:
            qs = qs.filter(pk=queries.resolve_unit(params.code, "code").pk)
        if params.level:
            qs = qs.filter(level=params.level)
        if params.parent:
            qs = qs.filter(parent=queries.resolve_unit(params.parent, "parent"))
        if params.valid_on:
            qs = qs.valid_on(params.valid_on)
        if params.current is not None:
            current = Unit.objects.current().values("pk")
            qs = qs.filter(pk__in=current) if params.current else qs.exclude(pk__in=current)
        if params.search:
            words = fold_accents(params.search).lower().split()
            units = [
                u
                for u in qs
                if all(
                    w
                    in fold_accents(f"{u.name} {u.short_name} {u.name_en} {u.short_name_en} {u.code}").lower()
                    for w in words
                )
            ]
            qs = Unit.objects.filter(pk__in=[u.pk for u in units])
        count = qs.count() if params.count else None
        rows, next_cursor = queries.paginate(qs, "id", params.cursor, params.limit)
        today = timezone.localdate()
        items = [queries.dumps(_unit_summary(unit, today)) for unit in rows]
        return _envelope(items, next_url(request, next_cursor), count), ["units"]

    return cached_json(request, caller, build)


@router.get(
    "/units/{int:id}/",
    response={200: schemas.UnitDetail, **ERRORS},
    operation_id="get_unit",
    summary="One unit, with what it came from and what it became",
    tags=["units"],
)
def get_unit(request, id: int = Path(..., ge=1, le=MAX_ID)):
    caller, limited = _detail_guard(request)
    if limited:
        return limited

    def build():
        unit = Unit.objects.filter(pk=id).select_related("parent").first()
        if unit is None:
            raise Http404(f"No unit with id {id}.")
        today = timezone.localdate()
        data = {
            **_unit_summary(unit, today),
            "predecessors": [unit_ref(u) for u in unit.predecessors.order_by("pk")],
            "successors": [unit_ref(u) for u in unit.successors.order_by("pk")],
            "children": [unit_ref(u) for u in unit.children.order_by("pk")],
        }
        return queries.dumps(data), [f"unit-{id}", "units"]

    return cached_json(request, caller, build)


# Weekly schedules: each unit's lịch công tác, published by the unit's own head.


def _week_param(value: str):
    try:
        return parse_iso_week(value)
    except ValueError:
        raise BadParameter("week", "expected an ISO week such as 2024-W28, or a date YYYY-MM-DD") from None


@router.get(
    "/schedules/",
    response={200: schemas.SchedulePage, **ERRORS},
    operation_id="list_schedules",
    summary="Units' weekly work schedules (lịch công tác), newest week first",
    tags=["schedules"],
)
def list_schedules(request, params: Query[p.ScheduleParams]):
    """`unit` + `week` finds one unit's schedule of one week (404 when it has none published)."""
    caller, limited = guard(request, p.ScheduleParams)
    if limited:
        return limited

    def build():
        qs = schedules.published_schedules()
        unit_id = queries.resolve_unit_id(params.unit) if params.unit else None
        monday = _week_param(params.week) if params.week else None
        if unit_id is not None:
            qs = qs.filter(unit_id=unit_id)
        if monday is not None:
            qs = qs.filter(week_start=monday)
        if unit_id is not None and monday is not None and not qs.exists():
            raise Http404(f"Unit {params.unit} has no published schedule for the week {params.week}.")
        count = qs.count() if params.count else None
        rows, next_cursor = _schedule_page(qs, params.cursor, params.limit)
        items = [queries.dumps(schedules.schedule_json(page)) for page in rows]
        tags = ["schedules", *(f"unit-{pk}" for pk in {page.unit_id for page in rows})]
        return _envelope(items, next_url(request, next_cursor), count), tags

    return cached_json(request, caller, build)


SCHEDULE_ORDER = "-week_start"


def _schedule_page(qs, cursor: str | None, limit: int):
    """Keyset pages on (week, id), newest week first, as the other collections page."""
    if cursor:
        key = cursors.decode(cursor, SCHEDULE_ORDER)
        try:
            week, last_id = datetime.date.fromisoformat(key[0]), int(key[1])
        except (ValueError, TypeError, IndexError):
            raise BadParameter("cursor", "malformed cursor; use the `next` URL of a previous page") from None
        qs = qs.filter(Q(week_start__lt=week) | Q(week_start=week, pk__lt=last_id))
    rows = list(qs.order_by("-week_start", "-pk")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, cursors.encode(SCHEDULE_ORDER, [rows[-1].week_start.isoformat(), rows[-1].pk])
