"""Schemas of the change feed and of headless preview (the OpenAPI document is made from them)."""

from __future__ import annotations

from typing import Literal

from content_api.api.schemas import CampaignDetail, ExemplarDetail, NewsDetail, Strict


class FeedItem(Strict):
    """One change as it affects your channels; tombstones (unpublished, deleted) have no api_url."""

    type: Literal["created", "updated", "unpublished", "deleted"]
    reason: Literal["channels"] | None
    item_type: Literal["exemplar", "campaign", "news"]
    id: int
    locale: str
    at: str
    api_url: str | None
    tombstone: bool


class FeedPage(Strict):
    """Changes in commit order; keep `next` and call it again later for what follows."""

    items: list[FeedItem]
    next: str


class Moderation(Strict):
    workflow: str
    stage: str | None
    status: str
    submitted_at: str | None


class PreviewInfo(Strict):
    revision_id: int
    created_at: str
    live: bool
    moderation: Moderation | None
    generated_at: str


class ExemplarPreview(ExemplarDetail):
    preview: PreviewInfo


class CampaignPreview(CampaignDetail):
    preview: PreviewInfo


class NewsPreview(NewsDetail):
    preview: PreviewInfo


Preview = ExemplarPreview | CampaignPreview | NewsPreview
