"""
The content version: one token that changes whenever anything the API serves changes.

ETags and cached responses are keyed by it, so a publish, an unpublish, a deletion or a
change of a unit makes every stale ETag stop matching at once, and a 304 can be decided
from the cache alone, without touching the database. The version also remembers when the
next live page expires, so that an expiry turns the version over even before Wagtail's
`publish_scheduled` command has unpublished the page.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from cms import frontend_cache

from .models import ContentDocument
from .representations import COLLECTIONS, api_path

VERSION_KEY = "content-api:version"
T = TypeVar("T")


def _next_expiry() -> float | None:
    soonest = (
        ContentDocument.objects.filter(expire_at__gt=timezone.now())
        .order_by("expire_at")
        .values_list("expire_at", flat=True)
        .first()
    )
    return soonest.timestamp() if soonest else None


def _new_version() -> dict:
    return {"token": secrets.token_hex(8), "at": int(time.time()), "next_expiry": _next_expiry()}


def bump() -> dict:
    version = _new_version()
    cache.set(VERSION_KEY, version, None)
    return version


def _settled(version: dict | None) -> dict:
    """The version in force, given what the cache held (None, or one an expiry has passed)."""
    if version is None:
        version = _new_version()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    elif version["next_expiry"] is not None and time.time() >= version["next_expiry"]:
        version = bump()
    return version


def current() -> dict:
    """The version in force: {"token", "at" (epoch seconds of the change)}."""
    return _settled(cache.get(VERSION_KEY))


def current_with(key: str) -> tuple[dict, object]:
    """
    The version in force and the cached value at `key`, read in one round trip to the cache
    (a cached answer is then served after a single Redis read). The caller checks that the
    value was stored under this version's token.
    """
    found = cache.get_many([VERSION_KEY, key])
    return _settled(found.get(VERSION_KEY)), found.get(key)


def per_version(key: str, compute: Callable[[], T], timeout: int | None) -> T:
    """
    A value derived from what is published (a navigation, the choices of a filter), computed
    once per content version and shared through the cache. The key is taken before computing,
    so a value computed from rows a publication has just changed is kept under the old version.
    """
    versioned = f"{key}:{current()['token']}"
    value = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, timeout)
    return value


def content_changed(tags: list[str], *, kind: str, pk: int) -> None:
    """
    Something the API serves changed: turn the version over and purge the CDN.

    The version is bumped now (so the rest of this request sees it) and again after the
    transaction commits, so a response computed from the old rows between the two is
    cached under a version that no longer matches.
    """
    bump()
    transaction.on_commit(lambda: (bump(), purge(tags, kind=kind, pk=pk)))


def purge(tags: list[str], *, kind: str | None = None, pk: int | None = None) -> None:
    """Purge the item and its collection from the CDN (Wagtail's frontend cache)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    base = settings.CONTENT_API_BASE_URL.rstrip("/")
    urls = [f"{base}/api/content/v1/{COLLECTIONS[kind]}/"] if kind in COLLECTIONS else []
    if kind in COLLECTIONS and pk is not None:
        urls.append(base + api_path(kind, pk))
    if kind == "schedule":
        urls.append(f"{base}/api/content/v1/schedules/")
    if kind == "unit":
        urls.append(f"{base}/api/content/v1/units/")
        if pk is not None:
            urls.append(f"{base}/api/content/v1/units/{pk}/")
    purge_urls_from_cache(urls)
    # Every list, filter and cursor page that held the item, by its tags (cms.frontend_cache).
    frontend_cache.purge_tags(tags)
