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
