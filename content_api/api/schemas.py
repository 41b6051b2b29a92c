"""
Pydantic schemas of the content API: the OpenAPI document is generated from them, and every
document the projection writes is validated against them, so the document tells the truth.
"""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class UnitRef(Strict):
    id: int
    code: str
    name: str = Field(description="In the language of the item where the unit has an official name in it.")
    short_name: str
    level: str
    api_url: str


class PageRef(Strict):
    id: int
    type: Literal["exemplar", "campaign", "news"]
    title: str
    slug: str
    url: str | None = Field(description="Its address on the public site, when the site shows it.")
    api_url: str


class Rendition(Strict):
    url: str
    width: int
    height: int


class Image(Strict):
    alt: str
    width: int
    height: int
    renditions: dict[str, Rendition]


class Block(Strict):
    type: str
    value: Any
    id: str | None = None


class Approval(Strict):
    stage: str
    unit: UnitRef | None
    role: str | None
    channel: str | None = Field(
        default=None,
        description="The channel this approval released (its publisher's release); null for the stages before.",
    )
    approved_at: str | None


class ItemMeta(Strict):
    id: int
    type: str
    locale: str
    slug: str
    title: str
    url: str | None = Field(
        description="Its address on the public site; null when the site does not show it."
    )
    api_url: str
    first_published_at: str | None
    last_published_at: str | None


class Translations(Schema):
    """Locale code → id of the same item in that locale (only those visible to the caller)."""

    translations: dict[str, int]


class ExemplarSummary(ItemMeta):
    type: Literal["exemplar"]
    kind: Literal["individual", "collective"]
    position: str
    unit: UnitRef | None
    portrait: Image | None
    lead: str
    achievement_period: str
    recognition_level: Literal["typical", "outstanding"] | None
    award_years: list[int]
    channels: list[str]
    tags: list[str]


class AwardFormRef(Strict):
    id: int = Field(description="The same in every locale; the value of the `award_form` filter.")
    name: str = Field(description="In the item's language where the vocabulary has it, else Vietnamese.")
    category: str


class CommendationKindRef(Strict):
    code: str
    name: str = Field(description="In the item's language where the vocabulary has it, else Vietnamese.")


class Award(Strict):
    form: AwardFormRef
    kind: CommendationKindRef | None
    title: str
    decision_number: str
    decision_date: str | None
    issuing_authority: str


class ExemplarDetail(ExemplarSummary):
    achievements: list[str]
    awards: list[Award]
    campaigns: list[PageRef]
    body: list[Block]
    provenance: list[Approval]
    translations: dict[str, int] = {}


class Period(Strict):
    year: int | None
    start: str | None
    end: str | None
    label: str


class CampaignSummary(ItemMeta):
    type: Literal["campaign"]
    document_number: str
    issue_date: str | None
    issuing_unit: UnitRef | None
    period: Period
    theme: str
    motto: str
    lead: str
    status: str
    channels: list[str]


class DocumentLink(Strict):
    title: str
    url: str
    extension: str


class CampaignDetail(CampaignSummary):
    body: list[Block]
    documents: list[DocumentLink]
    provenance: list[Approval]
    translations: dict[str, int] = {}


class NewsSummary(ItemMeta):
    type: Literal["news"]
    date: str | None
    lead: str
    author: str
    unit: UnitRef | None
    channels: list[str]
    tags: list[str]


class NewsDetail(NewsSummary):
    body: list[Block]
    related_exemplars: list[PageRef]
    related_campaigns: list[PageRef]
    provenance: list[Approval]
    translations: dict[str, int] = {}


class UnitNewsSummary(ItemMeta):
    type: Literal["unit_news"]
    date: str | None
    lead: str
    unit: UnitRef | None
    channels: list[str]


class UnitNewsDetail(UnitNewsSummary):
    body: list[Block]
    related_campaigns: list[PageRef]
    provenance: list[Approval]
    translations: dict[str, int] = {}


class PlanSummary(ItemMeta):
    type: Literal["plan"]
    number: str = Field(description="The plan's document number as printed, e.g. 293/KH-VKS.")
    date: str | None
    unit: UnitRef | None
    channels: list[str]


class PlanDetail(PlanSummary):
    body: list[Block]
    document: DocumentLink | None
    related_campaigns: list[PageRef] = Field(description="The campaign the plan carries out, if any.")
    provenance: list[Approval]
    translations: dict[str, int] = {}


class UnitSummary(Strict):
    id: int
    code: str
    name: str
    short_name: str
    name_en: str | None = Field(description="Official English name, when known.")
    short_name_en: str | None
    level: str
    province: str
    parent: int | None
    valid_from: str | None
    valid_until: str | None
    is_current: bool
    api_url: str


class UnitDetail(UnitSummary):
    predecessors: list[UnitRef]
    successors: list[UnitRef]
    children: list[UnitRef]


class ScheduleItem(Strict):
    content: str = Field(description="What: the line as the printed schedule has it.")
    who: str = Field(description="Who presides or acts, e.g. “Đ/c Viện trưởng”.")
    department: str = Field(description="The reporting department, e.g. “Phòng 15”.")
    location: str
    participants: str
    duration_days: float | None = Field(description="Days a multi-day item lasts, e.g. 2.5.")
    duration_label: str = Field(description="As printed: “2,5 ngày”.")
    ends_at: str | None = Field(description="Local end (Asia/Ho_Chi_Minh) of a multi-day item.")


class ScheduleSlot(Strict):
    time: str = Field(description="As printed: “07h30”.")
    starts_at: str = Field(description="Local date and time (Asia/Ho_Chi_Minh), ISO 8601.")
    items: list[ScheduleItem]


class DutyRow(Strict):
    who: str
    task: str


class ScheduleDay(Strict):
    date: str
    label: str = Field(description="As printed: “Thứ 2, 08/7/2024”.")
    slots: list[ScheduleSlot]
    duty: bool = Field(description="The day has a duty assignment (Phân công trực nghiệp vụ).")
    duty_roster: list[DutyRow]
    note: str


class Schedule(Strict):
    """A unit's weekly work schedule (lịch công tác), as its head published it."""

    id: int
    unit: UnitRef
    week: str = Field(description="ISO week, e.g. 2024-W28.")
    week_start: str
    week_end: str
    title: str
    sample: bool = Field(description="Demonstration data, not a real schedule.")
    published_at: str | None
    updated_at: str | None = Field(description="When it was last changed after its first publication.")
    timezone: str
    url: str | None
    api_url: str
    days: list[ScheduleDay]


def page_of(item_schema: type[Schema], name: str) -> type[Schema]:
    """The list envelope: items, the next page's URL, and the count when asked for."""
    return type(
        name,
        (Strict,),
        {
            "__annotations__": {"items": list[item_schema], "next": str | None, "count": int | None},
            "count": None,
            "__doc__": f"A page of {item_schema.__name__} items; follow `next` for the rest.",
        },
    )


ExemplarPage = page_of(ExemplarSummary, "ExemplarList")
CampaignPage = page_of(CampaignSummary, "CampaignList")
NewsPage = page_of(NewsSummary, "NewsList")
UnitNewsPage = page_of(UnitNewsSummary, "UnitNewsList")
PlanPage = page_of(PlanSummary, "PlanList")
UnitPage = page_of(UnitSummary, "UnitList")
SchedulePage = page_of(Schedule, "ScheduleList")


class Problem(Schema):
    """RFC 9457 problem details; `errors` name the parameter at fault and the reason."""

    type: str
    title: str
    status: int
    detail: str = ""
    errors: list[dict[str, Any]] | None = None


SUMMARY_SCHEMAS = {
    "exemplar": ExemplarSummary,
    "campaign": CampaignSummary,
    "news": NewsSummary,
    "unit_news": UnitNewsSummary,
    "plan": PlanSummary,
}
DETAIL_SCHEMAS = {
    "exemplar": ExemplarDetail,
    "campaign": CampaignDetail,
    "news": NewsDetail,
    "unit_news": UnitNewsDetail,
    "plan": PlanDetail,
}
