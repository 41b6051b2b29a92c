"""Query parameters of each collection; anything not declared here is refused with a 400."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field, field_validator

# Ids are 32-bit in the database: anything larger cannot name anything.
MAX_ID = 2_147_483_647

MAX_LIMIT = 100

# "relevance" needs `search`. It is not the default even with `search`: ranking must score
# every match, which for a word in half of 100,000 items costs ~80 ms in PostgreSQL, while
# newest-first walks the date index and stops after one page (bench/README.md).
Order = Literal["-published_at", "published_at", "-updated_at", "updated_at", "title", "-title", "relevance"]
DatedOrder = Literal[
    "-published_at",
    "published_at",
    "-updated_at",
    "updated_at",
    "title",
    "-title",
    "-date",
    "date",
    "relevance",
]


def _iso_only(value):
    """Dates and times in ISO 8601 only: pydantic would also read "0.0" as a Unix timestamp."""
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return value
        raise ValueError(
            "expected an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T08:00:00+07:00"
        )
    return value


def _sane_datetime(value):
    """Far-away instants (year 1 with an offset, year 9999) cannot be compared in the database."""
    if value is not None and not (1900 <= value.year <= 2999):
        raise ValueError("expected a date-time between the years 1900 and 2999")
    return value


class ListParams(Schema):
    cursor: str | None = Field(None, description="Opaque cursor from the `next` URL of the previous page.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Items per page, 1 to 100.")
    count: bool = Field(False, description="Add the total number of matching items (costs a COUNT).")
    locale: str = Field("vi", description="Content locale: vi or en.")
    slug: str | None = Field(None, max_length=255, description="Find items by slug (with `locale`).")
    updated_since: datetime | None = Field(
        None, description="Only items published or updated since (ISO 8601)."
    )
    search: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Accent-insensitive Vietnamese search; orders by relevance.",
    )

    _updated_since_iso = field_validator("updated_since", mode="before")(_iso_only)
    _updated_since_range = field_validator("updated_since", mode="after")(_sane_datetime)


class ExemplarParams(ListParams):
    unit: str | None = Field(None, description="Unit id or code; includes its sub-units.")
    campaign: int | None = Field(None, ge=1, le=MAX_ID, description="Campaign id.")
    award_year: int | None = Field(None, ge=1945, le=2100, description="Year of an award decision.")
    award_form: int | None = Field(
        None, ge=1, le=MAX_ID, description="Award form id (see the award vocabulary)."
    )
    award_category: (
        Literal[
            "emulation_title",
            "order",
            "medal",
            "honorary_title",
            "prize",
            "commemorative_medal",
            "certificate_of_merit",
            "certificate",
        ]
        | None
    ) = Field(None, description="Family of an award received.")
    level: Literal["typical", "outstanding"] | None = Field(None, description="Recognition level.")
    kind: Literal["individual", "collective"] | None = Field(None, description="Individual or collective.")
    channel: str | None = Field(None, max_length=40, description="Only items approved for this channel code.")
    tag: str | None = Field(None, max_length=100, description="Tag slug or name.")
    order: Order = Field(
        "-published_at", description="Sort order; `relevance` (best match first) needs `search`."
    )


class CampaignParams(ListParams):
    unit: str | None = Field(None, description="Issuing unit id or code; includes its sub-units.")
    year: int | None = Field(
        None, ge=1945, le=2100, description="Campaign year (or start year of its period)."
    )
    status: Literal["launched", "summarised"] | None = Field(None, description="Campaign status.")
    channel: str | None = Field(None, max_length=40, description="Only items approved for this channel code.")
    order: DatedOrder = Field(
        "-published_at", description="Sort order (`date` is the issue date; `relevance` needs `search`)."
    )


class NewsParams(ListParams):
    unit: str | None = Field(None, description="Unit id or code; includes its sub-units.")
    campaign: int | None = Field(None, ge=1, le=MAX_ID, description="Related campaign id.")
    exemplar: int | None = Field(None, ge=1, le=MAX_ID, description="Related exemplar id.")
    date_from: date | None = Field(None, description="News dated on or after (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="News dated on or before (YYYY-MM-DD).")
    channel: str | None = Field(None, max_length=40, description="Only items approved for this channel code.")
    tag: str | None = Field(None, max_length=100, description="Tag slug or name.")
    order: DatedOrder = Field(
        "-published_at", description="Sort order (`date` is the news date; `relevance` needs `search`)."
    )

    _dates_iso = field_validator("date_from", "date_to", mode="before")(_iso_only)
    _dates_range = field_validator("date_from", "date_to", mode="after")(_sane_datetime)


class UnitNewsParams(ListParams):
    unit: str | None = Field(None, description="Unit id or code; includes its sub-units.")
    campaign: int | None = Field(None, ge=1, le=MAX_ID, description="Related campaign id.")
    date_from: date | None = Field(None, description="News dated on or after (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="News dated on or before (YYYY-MM-DD).")
    channel: str | None = Field(None, max_length=40, description="Only items approved for this channel code.")
    order: DatedOrder = Field(
        "-published_at", description="Sort order (`date` is the news date; `relevance` needs `search`)."
    )

    _dates_iso = field_validator("date_from", "date_to", mode="before")(_iso_only)
    _dates_range = field_validator("date_from", "date_to", mode="after")(_sane_datetime)


class PlanParams(ListParams):
    unit: str | None = Field(None, description="Unit id or code; includes its sub-units.")
    campaign: int | None = Field(
        None, ge=1, le=MAX_ID, description="Id of the campaign the plan carries out."
    )
    year: int | None = Field(None, ge=1945, le=2100, description="Year the plan was issued.")
    date_from: date | None = Field(None, description="Plans issued on or after (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Plans issued on or before (YYYY-MM-DD).")
    channel: str | None = Field(None, max_length=40, description="Only items approved for this channel code.")
    order: DatedOrder = Field(
        "-published_at", description="Sort order (`date` is the issue date; `relevance` needs `search`)."
    )

    _dates_iso = field_validator("date_from", "date_to", mode="before")(_iso_only)
    _dates_range = field_validator("date_from", "date_to", mode="after")(_sane_datetime)


class UnitParams(Schema):
    cursor: str | None = Field(None, description="Opaque cursor from the `next` URL of the previous page.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Items per page, 1 to 100.")
    count: bool = Field(False, description="Add the total number of matching units.")
    code: str | None = Field(None, max_length=40, description="Unit code (or former code).")
    level: (
        Literal[
            "supreme",
            "department",
            "section",
            "high_level",
            "provincial",
            "regional",
            "district",
            "military",
            "press",
        ]
        | None
    ) = Field(None, description="Unit level.")
    parent: str | None = Field(None, description="Parent unit id or code.")
    valid_on: date | None = Field(None, description="Units that existed on this day (YYYY-MM-DD).")
    current: bool | None = Field(None, description="Only units that exist today (true) or ended (false).")
    search: str | None = Field(None, min_length=1, max_length=200, description="Name, accents optional.")

    _valid_on_iso = field_validator("valid_on", mode="before")(_iso_only)
    _valid_on_range = field_validator("valid_on", mode="after")(_sane_datetime)


class ScheduleParams(Schema):
    cursor: str | None = Field(None, description="Opaque cursor from the `next` URL of the previous page.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Schedules per page, 1 to 100.")
    count: bool = Field(False, description="Add the total number of matching schedules.")
    unit: str | None = Field(None, max_length=40, description="Unit id or code (that unit only).")
    week: str | None = Field(
        None,
        max_length=10,
        description="ISO week, e.g. 2024-W28 (or a date YYYY-MM-DD: the week that holds it). With "
        "`unit`, a week without a published schedule answers 404.",
    )
