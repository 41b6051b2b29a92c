"""
Keeping the published projection (ContentDocument) in step with the live pages.

`sync_page` is called when a page is published, unpublished, moved or made private;
`remove_page` when it is deleted. Media the store failed to give are left out and put back
later by themselves (content_api.repairs). Both bump the content version (so ETags stop matching and
cached responses are dropped), purge the CDN for what changed, and announce the change
(content_api.signals.document_changed) inside its transaction, for partner sync's feed.
"""

from __future__ import annotations

import json

from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Value
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from cms.search_backend import SEARCH_CONFIG
from cms.text import fold_accents
from media.renditions import storage_failures
from workflows.releases import hidden_channel_ids

from . import repairs, versioning
from .api.schemas import DETAIL_SCHEMAS, SUMMARY_SCHEMAS
from .models import ChangeType, ContentDocument
from .representations import BUILDERS, KIND_BY_MODEL
from .signals import document_changed

NEXT_EXPIRY_KEY = "content-api:next-expiry"


def is_visible(page) -> bool:
    """Live, not expired, and not behind a view restriction (here or on an ancestor)."""
    if not page.live or page.expired:
        return False
    if page.expire_at and page.expire_at <= timezone.now():
        return False
    return not page.get_view_restrictions().exists()


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _block_text(block: dict) -> list[str]:
    """The words of one body block: text, headings, quotes, captions, titles."""
    value = block.get("value")
    if isinstance(value, str):
        return [strip_tags(value)] if block.get("type") != "embed" else []
    if not isinstance(value, dict):
        return []
    texts = [str(value.get(key) or "") for key in ("text", "attribution", "caption", "credit", "title")]
    for nested in value.get("images", []) or []:
        texts += _block_text({"type": "image", "value": nested})
    if isinstance(value.get("clip"), dict):
        texts.append(value["clip"].get("title") or "")
    return texts


def searchable(detail: dict) -> dict[str, str]:
    """
    The item's words by weight (PostgreSQL ranks A highest): A the title; B the lead, theme,
    motto and position; C the achievements, tags and unit names; D the body.
    """
    units = [detail.get("unit"), detail.get("issuing_unit")]
    return {
        "A": detail.get("title", ""),
        "B": " ".join(detail.get(key) or "" for key in ("lead", "theme", "motto", "position")),
        "C": " ".join(
            [
                *detail.get("achievements", []),
                *detail.get("tags", []),
                *(f"{unit['name']} {unit['short_name']}" for unit in units if unit),
            ]
        ),
        "D": " ".join(text for block in detail.get("body", []) for text in _block_text(block)),
    }


def _search_text(detail: dict) -> str:
    """Everything searchable, accent-folded (what SQLite searches; PostgreSQL uses the vector)."""
    return fold_accents(" ".join(searchable(detail).values())).lower()


def _facets(page, kind: str) -> dict:
    specific = page
    if kind == "exemplar":
        return {
            "unit_id": specific.unit_id,
            "subject_kind": specific.kind,
            "level": specific.recognition_level,
            "year": None,
            "date": None,
            "status": "",
        }
    if kind == "campaign":
        return {
            "unit_id": specific.issuing_unit_id,
            "subject_kind": "",
            "level": "",
            "status": specific.status,
            "date": specific.issue_date,
            "year": specific.period_year or (specific.period_start.year if specific.period_start else None),
        }
    # Undated news (a source that gives no date) is ordered and filtered by its first publication.
    date = specific.date
    if date is None and kind in ("news", "unit_news"):
        published = page.first_published_at or page.last_published_at or timezone.now()
        date = timezone.localdate(published)
    return {
        "unit_id": specific.unit_id,
        "subject_kind": "",
        "level": "",
        "status": "",
        "date": date,
        "year": date.year if date else None,
    }


def _validate(kind: str, summary: dict, detail: dict) -> None:
    """The stored JSON must match the schemas the OpenAPI document publishes."""
    SUMMARY_SCHEMAS[kind].model_validate(summary)
    DETAIL_SCHEMAS[kind].model_validate(detail)


@transaction.atomic
def sync_page(page_or_id) -> ContentDocument | None:
    """Write (or remove) the API document of one page from its live version."""
    page_id = page_or_id if isinstance(page_or_id, int) else page_or_id.pk
    page = Page.objects.filter(pk=page_id).specific().first()
    kind = KIND_BY_MODEL.get(type(page)) if page is not None else None
    if kind is None:
        return None
    if not is_visible(page):
        remove_page(page_id)
        return None
    summary_of, detail_of = BUILDERS[kind]
    with storage_failures() as left_out:  # media the store failed to give (content_api.repairs)
        summary = summary_of(page)
        detail, refs = detail_of(page)
    _validate(kind, summary, detail)
    previous = ContentDocument.objects.filter(pk=page_id).first()
    before = sorted(previous.channels.values_list("pk", flat=True)) if previous else []
    # Each channel shows the page only once its own publisher released it (workflows.releases).
    hidden = hidden_channel_ids(page)
    after = sorted(channel.pk for channel in page.channels.all() if channel.pk not in hidden)
    values = {
        "kind": kind,
        "locale": page.locale.language_code,
        "translation_key": page.translation_key,
        "slug": page.slug,
        "title": page.title,
        "published_at": page.first_published_at or page.last_published_at or timezone.now(),
        "updated_at": page.last_published_at or timezone.now(),
        "expire_at": page.expire_at,
        "search_text": _search_text(detail),
        "summary": _dumps(summary),
        "detail": _dumps(detail),
        "refs": refs,
        **_facets(page, kind),
    }
    if previous is not None and before == after and _unchanged(previous, values):
        repairs.record(previous, left_out)
        return previous  # a re-projection that changes nothing is not news
    document, _created = ContentDocument.objects.update_or_create(page_id=page_id, defaults=values)
    document.channels.set(after)
    repairs.record(document, left_out)
    if values["expire_at"]:  # content_api.expiry: this one may be the next to come
        known = cache.get(NEXT_EXPIRY_KEY)
        if known is None or values["expire_at"].timestamp() < known:
            cache.set(NEXT_EXPIRY_KEY, values["expire_at"].timestamp(), None)
    if connection.vendor == "postgresql":
        _write_search_vector(document, detail)
    document_changed.send(
        ContentDocument,
        change=ChangeType.UPDATED if previous else ChangeType.CREATED,
        kind=kind,
        page_id=page_id,
        locale=values["locale"],
        before=before,
        after=after,
        urls=sorted({summary.get("url"), _url_of(previous)} - {None}),
        unit_ids=sorted({values["unit_id"], previous.unit_id if previous else None} - {None}),
        refs=sorted({*refs, *(previous.refs if previous else [])}),
    )
    previous_unit = previous.unit_id if previous else None
    versioning.content_changed(document_tags(document, previous_unit_id=previous_unit), kind=kind, pk=page_id)
    return document


def _url_of(document: ContentDocument | None) -> str | None:
    """The public address a document was served with (for purging it)."""
    return json.loads(document.summary).get("url") if document is not None else None


def _unchanged(document: ContentDocument, values: dict) -> bool:
    return all(getattr(document, name) == value for name, value in values.items())


def _write_search_vector(document: ContentDocument, detail: dict) -> None:
    vector = None
    for weight, text in searchable(detail).items():
        part = SearchVector(Value(text or ""), config=SEARCH_CONFIG, weight=weight)
        vector = part if vector is None else vector + part
    ContentDocument.objects.filter(pk=document.pk).update(search_vector=vector)


@transaction.atomic
def remove_page(page_id: int, *, deleted: bool = False, page=None) -> None:
    """
    Take a page out of the API (unpublished, expired, made private or deleted). Deleting a
    page that had already left the API still says so (`previously_removed`), so that those
    who saw it before hear of the deletion.
    """
    document = ContentDocument.objects.filter(pk=page_id).first()
    if document is None:
        if deleted and page is not None and type(page) in KIND_BY_MODEL:
            document_changed.send(
                ContentDocument,
                change=ChangeType.DELETED,
                kind=KIND_BY_MODEL[type(page)],
                page_id=page_id,
                locale=page.locale.language_code,
                before=[],
                after=[],
                urls=[],
                unit_ids=[],
                refs=[],
                previously_removed=True,
            )
        return
    tags = document_tags(document)
    kind, locale = document.kind, document.locale
    before = list(document.channels.values_list("pk", flat=True))
    url, unit_id = _url_of(document), document.unit_id
    document.delete()
    document_changed.send(
        ContentDocument,
        change=ChangeType.DELETED if deleted else ChangeType.UNPUBLISHED,
        kind=kind,
        page_id=page_id,
        locale=locale,
        before=before,
        after=[],
        urls=[url] if url else [],
        unit_ids=[unit_id] if unit_id else [],
        refs=list(document.refs),
    )
    versioning.content_changed(tags, kind=kind, pk=page_id)


def document_tags(document: ContentDocument, previous_unit_id: int | None = None) -> list[str]:
    """Cache tags of a document: itself, its collection, its unit and its campaigns."""
    tags = [f"{document.kind}-{document.pk}", f"{document.kind}s"]
    for unit_id in {document.unit_id, previous_unit_id} - {None}:
        tags.append(f"unit-{unit_id}")
    if document.kind == "campaign":
        tags.append(f"campaign-{document.pk}")
    elif document.kind == "exemplar":
        tags += [f"campaign-{pk}" for pk in document.refs]
    return tags


def rebuild_all() -> int:
    """Re-project every page of an API type (after a deploy that changed representations)."""
    count = 0
    model_ids = Page.objects.type(*KIND_BY_MODEL).values_list("pk", flat=True)
    for page_id in model_ids.iterator():
        if sync_page(page_id) is not None:
            count += 1
    stale = ContentDocument.objects.exclude(page_id__in=Page.objects.type(*KIND_BY_MODEL).live())
    for page_id in stale.values_list("pk", flat=True):
        remove_page(page_id)
    return count
