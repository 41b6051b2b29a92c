"""Query parameters of the change feed and of headless preview."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

from content_api.api.params import MAX_ID, MAX_LIMIT


class FeedParams(Schema):
    since: str | None = Field(
        None,
        max_length=500,
        description="Cursor from `next`; omit it to get the cursor of now (nothing before).",
    )
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description="Changes per page, 1 to 100.")


class PreviewParams(Schema):
    token: str = Field(
        ..., min_length=1, max_length=1000, description="The signed token from the preview link."
    )
    id: int | None = Field(None, ge=1, le=MAX_ID, description="The page id from the preview link (checked).")
    type: Literal["exemplar", "campaign", "news"] | None = Field(None, description="Item type from the link.")
