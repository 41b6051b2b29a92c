"""
Whether any page of the site has a view restriction (a password, a login, a group).

Wagtail asks a page for its restrictions on every view, two queries over its ancestors. On
this site restrictions are rare, so whether there are any is kept in the shared cache and
the queries are made only when there are; every change of a restriction clears the answer
at once and again when its transaction commits, so no process ever serves a restricted page
from a stale "none".
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from wagtail.models import PageViewRestriction

KEY = "exemplar-pages:view-restrictions-exist"
TTL = 300


def any_exist() -> bool:
    found = cache.get(KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(KEY, found, TTL)
    return found


def forget(**_kwargs) -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))
