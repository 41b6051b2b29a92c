"""Searching pages in Vietnamese, with or without diacritics."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from cms.text import normalize

# Relevance is reordered within this many best matches (exact-diacritic matches first).
RERANK_WINDOW = 200


def _text(page) -> str:
    parts: Iterable[str] = (getattr(page, name, "") or "" for name in ("title", "lead", "position", "theme"))
    return " ".join(str(p) for p in parts).lower()


def search_pages(queryset: QuerySet, query: str, *, limit: int = RERANK_WINDOW) -> list:
    """
    Pages of `queryset` matching `query`, best first.

    The index folds accents, so "thi dua khen thuong" finds "thi đua khen thưởng"; among
    the matches, those whose text contains the query exactly as typed (diacritics included)
    come first, then Wagtail's relevance decides.
    """
    query = normalize(query).strip()
    if not query:
        return []
    results = list(queryset.search(query, operator="and").annotate_score("_score")[:limit])
    wanted = query.lower()
    return sorted(results, key=lambda page: (wanted not in _text(page), -(page._score or 0)))
