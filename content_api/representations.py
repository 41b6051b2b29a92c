"""
What the content API says about each page type, built once per publish.

Every page type declares `api_fields` (what may be shown); these functions turn a live
page into the JSON the API serves, following those declarations. Internal fields (date of
birth, contact, internal notes), scanned award decisions and reviewers' comments are never
read here, so they cannot end up in a response.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from cms.models import Unit
from exemplar_pages.models import CampaignPage, ExemplarPage, NewsPage, PlanPage, UnitNewsPage
from media.renditions import image_representation
from workflows.models import Approval
from workflows.releases import hidden_channel_ids

API_PREFIX = "/api/content/v1"

COLLECTIONS = {
    "exemplar": "exemplars",
    "campaign": "campaigns",
    "news": "news",
    "unit_news": "unit-news",
    "plan": "unit-plans",
}
KIND_BY_MODEL = {
    ExemplarPage: "exemplar",
    CampaignPage: "campaign",
    NewsPage: "news",
    UnitNewsPage: "unit_news",
    PlanPage: "plan",
}


def api_path(kind: str, pk: int) -> str:
    return f"{API_PREFIX}/{COLLECTIONS[kind]}/{pk}/"


def iso(value) -> str | None:
    return value.isoformat() if value else None


def unit_ref(unit: Unit | None, language_code: str = "vi") -> dict[str, Any] | None:
    """A unit, named in the language of the item that refers to it (see Unit.names_in)."""
    if unit is None:
        return None
    name, short_name = unit.names_in(language_code)
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": name,
        "short_name": short_name,
        "level": unit.level,
        "api_url": f"{API_PREFIX}/units/{unit.pk}/",
    }


def page_ref(page, kind: str) -> dict[str, Any]:
    return {
        "id": page.pk,
        "type": kind,
        "title": page.title,
        "slug": page.slug,
        "url": public_url(page),
        "api_url": api_path(kind, page.pk),
    }


def on_public_site(page) -> bool:
    """
    Whether the public site shows the page: published to one of PUBLIC_SITE_CHANNELS (None:
    every live page, for a host site that serves them all).
    """
    wanted = getattr(settings, "PUBLIC_SITE_CHANNELS", None)
    if wanted is None:
        return True
    return bool(set(wanted) & set(_channels(page)))


def public_url(page) -> str | None:
    """The page's address on the public site; None when the site does not show it."""
    if not on_public_site(page):
        return None
    base = getattr(settings, "CONTENT_PUBLIC_BASE_URL", "")
    relative = page.get_url_parts()
    if not relative:
        return None
    path = relative[2]
    return f"{base.rstrip('/')}{path}" if base else page.get_full_url()


def _meta(page, kind: str) -> dict[str, Any]:
    return {
        "id": page.pk,
        "type": kind,
        "locale": page.locale.language_code,
        "slug": page.slug,
        "title": page.title,
        "url": public_url(page),
        "api_url": api_path(kind, page.pk),
        "first_published_at": iso(page.first_published_at),
        "last_published_at": iso(page.last_published_at),
    }


def _stream(value) -> list[dict[str, Any]]:
    return value.stream_block.get_api_representation(value) if value else []


def _tags(page) -> list[str]:
    return sorted(tag.name for tag in page.tags.all())


def _channels(page) -> list[str]:
    """The channels the page is released to (each by its own publisher; workflows.releases)."""
    hidden = hidden_channel_ids(page)
    return sorted(channel.code for channel in page.channels.all() if channel.pk not in hidden)


def provenance(page) -> list[dict[str, Any]]:
    """Which units verified, edited and approved the live revision, and when."""
    approvals = (
        Approval.objects.filter(page_id=page.pk, revision_id=page.live_revision_id)
        .select_related("unit", "role", "channel")
        .order_by("approved_at", "pk")
    )
    return [
        {
            "stage": approval.stage,
            "unit": unit_ref(approval.unit, page.locale.language_code),
            "role": approval.role.code if approval.role else None,
            "channel": approval.channel.code if approval.channel else None,
            "approved_at": iso(approval.approved_at),
        }
        for approval in approvals
    ]


# Exemplars


def exemplar_summary(page: ExemplarPage) -> dict[str, Any]:
    return {
        **_meta(page, "exemplar"),
        "kind": page.kind,
        "position": page.position,
        "unit": unit_ref(page.unit, page.locale.language_code),
        "portrait": image_representation(page.portrait, alt=page.portrait_alt) if page.portrait else None,
        "lead": page.lead,
        "achievement_period": page.achievement_period,
        "recognition_level": page.recognition_level or None,
        "award_years": page.award_years,
        "channels": _channels(page),
        "tags": _tags(page),
    }


def vocabulary_names(entries, locale) -> dict[tuple[type, Any], str]:
    """
    The names of vocabulary entries (award forms, kinds) in `locale`, by model and
    translation key: an English edition names its awards in English where the vocabulary
    has the translation, and keeps the official Vietnamese name where it has none.
    """
    names: dict[tuple[type, Any], str] = {}
    wanted: dict[type, set] = {}
    for entry in entries:
        names[type(entry), entry.translation_key] = entry.name
        if entry.locale_id != locale.pk:
            wanted.setdefault(type(entry), set()).add(entry.translation_key)
    for model, keys in wanted.items():
        for key, name in model.objects.filter(translation_key__in=keys, locale=locale).values_list(
            "translation_key", "name"
        ):
            names[model, key] = name
    return names


def award(award, names: dict[tuple[type, Any], str]) -> dict[str, Any]:
    """One award; `form.id` is the Vietnamese entry's id in every locale (the filter's value)."""
    form, kind = award.award_form, award.kind
    return {
        "form": {"id": form.pk, "name": names[type(form), form.translation_key], "category": form.category},
        "kind": {"code": kind.code, "name": names[type(kind), kind.translation_key]} if kind else None,
        "title": award.title,
        "decision_number": award.decision_number,
        "decision_date": iso(award.decision_date),
        "issuing_authority": award.issuing_authority,
    }


def in_locale(pages, locale) -> list:
    """
    Related pages as an edition in `locale` should link them: their live translation in that
    locale where one exists (relations are synchronised facts, so an English edition relates to
    the Vietnamese pages), else the page itself.
    """
    pages = list(pages)
    if not pages or all(p.locale_id == locale.pk for p in pages):
        return pages
    model = type(pages[0])
    translated = {
        p.translation_key: p
        for p in model.objects.live().filter(
            locale=locale, translation_key__in=[p.translation_key for p in pages]
        )
    }
    return [translated.get(p.translation_key, p) for p in pages]


def exemplar_detail(page: ExemplarPage) -> tuple[dict[str, Any], list[int]]:
    campaigns = in_locale(page.campaigns.all(), page.locale)
    # Proposed awards are not facts yet: only received ones are shown.
    awards = [a for a in page.awards.select_related("award_form", "kind") if a.is_received]
    names = vocabulary_names([e for a in awards for e in (a.award_form, a.kind) if e], page.locale)
    data = {
        **exemplar_summary(page),
        "achievements": [block.value for block in page.achievements],
        "awards": [award(a, names) for a in awards],
        "campaigns": [page_ref(c, "campaign") for c in campaigns],
        "body": _stream(page.body),
        "provenance": provenance(page),
    }
    return data, [c.pk for c in campaigns]


# Campaigns


def campaign_summary(page: CampaignPage) -> dict[str, Any]:
    return {
        **_meta(page, "campaign"),
        "document_number": page.document_number,
        "issue_date": iso(page.issue_date),
        "issuing_unit": unit_ref(page.issuing_unit, page.locale.language_code),
        "period": {
            "year": page.period_year,
            "start": iso(page.period_start),
            "end": iso(page.period_end),
            "label": page.period_label,
        },
        "theme": page.theme,
        "motto": page.motto,
        "lead": page.lead,
        "status": page.status,
        "channels": _channels(page),
    }


def campaign_detail(page: CampaignPage) -> tuple[dict[str, Any], list[int]]:
    data = {
        **campaign_summary(page),
        "body": _stream(page.body),
        "documents": [
            {
                "title": item.title or item.document.title,
                "url": item.document.url,
                "extension": item.document.file_extension,
            }
            for item in page.documents.select_related("document")
        ],
        "provenance": provenance(page),
    }
    return data, []


# News


def news_summary(page: NewsPage) -> dict[str, Any]:
    return {
        **_meta(page, "news"),
        "date": iso(page.date),
        "lead": page.lead,
        "author": page.author,
        "unit": unit_ref(page.unit, page.locale.language_code),
        "channels": _channels(page),
        "tags": _tags(page),
    }


def news_detail(page: NewsPage) -> tuple[dict[str, Any], list[int]]:
    exemplars = in_locale(page.related_exemplars.all(), page.locale)
    campaigns = in_locale(page.related_campaigns.all(), page.locale)
    data = {
        **news_summary(page),
        "body": _stream(page.body),
        "related_exemplars": [page_ref(p, "exemplar") for p in exemplars],
        "related_campaigns": [page_ref(p, "campaign") for p in campaigns],
        "provenance": provenance(page),
    }
    return data, [p.pk for p in exemplars + campaigns]


# What units send from their folders: news of their emulation work and their plans. Who filed
# them on the unit's behalf (`filed_by`) is internal and never read here.


def unit_news_summary(page: UnitNewsPage) -> dict[str, Any]:
    return {
        **_meta(page, "unit_news"),
        "date": iso(page.date),
        "lead": page.lead,
        "unit": unit_ref(page.unit, page.locale.language_code),
        "channels": _channels(page),
    }


def unit_news_detail(page: UnitNewsPage) -> tuple[dict[str, Any], list[int]]:
    campaigns = in_locale(page.related_campaigns.all(), page.locale)
    data = {
        **unit_news_summary(page),
        "body": _stream(page.body),
        "related_campaigns": [page_ref(p, "campaign") for p in campaigns],
        "provenance": provenance(page),
    }
    return data, [p.pk for p in campaigns]


def plan_summary(page: PlanPage) -> dict[str, Any]:
    return {
        **_meta(page, "plan"),
        "number": page.number,
        "date": iso(page.date),
        "unit": unit_ref(page.unit, page.locale.language_code),
        "channels": _channels(page),
    }


def plan_detail(page: PlanPage) -> tuple[dict[str, Any], list[int]]:
    campaigns = in_locale([page.campaign] if page.campaign_id else [], page.locale)
    document = page.document
    data = {
        **plan_summary(page),
        "body": _stream(page.body),
        "document": {"title": document.title, "url": document.url, "extension": document.file_extension}
        if document
        else None,
        "related_campaigns": [page_ref(p, "campaign") for p in campaigns],
        "provenance": provenance(page),
    }
    return data, [p.pk for p in campaigns]


BUILDERS = {
    "exemplar": (exemplar_summary, exemplar_detail),
    "campaign": (campaign_summary, campaign_detail),
    "news": (news_summary, news_detail),
    "unit_news": (unit_news_summary, unit_news_detail),
    "plan": (plan_summary, plan_detail),
}
