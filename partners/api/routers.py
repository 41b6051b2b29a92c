"""
Partner sync endpoints of the content API: the change feed and headless preview. Added to
the content API's Ninja application by partners/apps.py, so the read API does not know them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import AuthenticationError

from content_api.access import Caller
from content_api.api import cursor as cursors
from content_api.api import queries
from content_api.api.auth import PartnerOrPublic
from content_api.api.errors import BadParameter
from content_api.api.http import cached_json
from content_api.api.routers import ERRORS, guard, next_url
from content_api.models import ChangeType
from content_api.representations import api_path

from .. import preview as previews
from ..models import ChangeEvent
from . import params as p
from . import schemas

router = Router(auth=PartnerOrPublic())

FEED_ORDER = "feed"
Before = ChangeEvent.channels_before.through
After = ChangeEvent.channels_after.through


def _feed_cursor(event_id: int) -> str:
    return cursors.encode(FEED_ORDER, [event_id])


def _feed_since(value: str) -> int:
    try:
        key = cursors.decode(value, FEED_ORDER)
    except BadParameter as exc:
        raise BadParameter("since", exc.reason) from None
    try:
        return int(key[0])
    except (ValueError, TypeError, IndexError):
        raise BadParameter("since", "malformed cursor; use the `next` URL of a previous answer") from None


def _item(event: ChangeEvent, caller: Caller) -> dict | None:
    seen = event.as_seen_by(caller.channel_ids)
    if seen is None:
        return None
    change, reason = seen
    tombstone = change in (ChangeType.UNPUBLISHED, ChangeType.DELETED)
    return {
        "type": change,
        "reason": reason,
        "item_type": event.kind,
        "id": event.page_id,
        "locale": event.locale,
        "at": event.occurred_at.isoformat(),
        "api_url": None if tombstone else api_path(event.kind, event.page_id),
        "tombstone": tombstone,
    }


@router.get(
    "/changes/",
    response={200: schemas.FeedPage, **ERRORS},
    operation_id="list_changes",
    summary="What changed in your channels, in commit order",
    tags=["sync"],
)
def list_changes(request: HttpRequest, params: Query[p.FeedParams]):
    """
    Mirror content without re-reading it: start with `changes/` (no `since`) to get the
    cursor of now, read the collections in full, then follow `next` from time to time.
    Items that entered your channels come as `created`, items that left them as
    `unpublished` (reason `channels`); unpublished and deleted items are tombstones.
    """
    caller, limited = guard(request, p.FeedParams)
    if limited:
        return limited

    def answer(items: list, last: int):
        return queries.dumps({"items": items, "next": next_url(request, _feed_cursor(last), "since")}), [
            "changes"
        ]

    def build():
        if params.since is None:
            return answer([], ChangeEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
        since = _feed_since(params.since)
        mine = Q(
            Exists(Before.objects.filter(changeevent_id=OuterRef("pk"), channel_id__in=caller.channel_ids))
        ) | Q(Exists(After.objects.filter(changeevent_id=OuterRef("pk"), channel_id__in=caller.channel_ids)))
        events = list(
            ChangeEvent.objects.filter(mine, pk__gt=since)
            .order_by("pk")
            .prefetch_related("channels_before", "channels_after")[: params.limit]
        )
        items = [item for item in (_item(event, caller) for event in events) if item]
        return answer(items, events[-1].pk if events else since)

    return cached_json(request, caller, build)


@router.get(
    "/preview/",
    response={200: schemas.Preview, **ERRORS},
    operation_id="get_preview",
    summary="One revision in moderation, from a partner's signed preview link",
    tags=["sync"],
)
def get_preview(request: HttpRequest, params: Query[p.PreviewParams]):
    """
    The revision bound to the token, in the shape of the detail endpoint, with `preview`
    saying where it stands in moderation. Expired, tampered or foreign tokens get a 401.
    Never cached.
    """
    caller, limited = guard(request, p.PreviewParams)
    if limited:
        return limited
    try:
        grant = previews.read_token(params.token, params.id)
        if caller.is_partner and caller.partner_id != grant.partner_id:
            raise previews.InvalidPreviewToken
        data = previews.preview_document(grant)
    except previews.InvalidPreviewToken:
        raise AuthenticationError() from None
    if params.type and params.type != data["type"]:
        raise AuthenticationError()
    response = HttpResponse(queries.dumps(data), content_type="application/json")
    response["Cache-Control"] = "no-store"
    response["Vary"] = "Authorization"
    return response
