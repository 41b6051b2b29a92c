"""
Signal wiring of the public site. Each handler only says *when*: the content version turns over
for pages the API does not project (home, listings' introductions, unit folders), and the CDN is
purged of what a change shows on (public_site/purge.py).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import Channel
from content_api import versioning
from content_api.representations import KIND_BY_MODEL
from content_api.signals import document_changed
from engagement.signals import comments_changed
from exemplar_pages.models import WeeklySchedulePage

from . import purge, queries, schedules
from .channels import forget_site_channels


def _structure_changed(sender, instance, **kwargs):
    """A page the API does not project changed: the site's pages that show it are stale."""
    if type(instance) in KIND_BY_MODEL:
        return  # the projection turns the version over and announces it (below)
    versioning.bump()
    transaction.on_commit(lambda: (versioning.bump(), purge.structure_changed()))


def _document_changed(sender, *, kind, page_id, locale, urls, unit_ids, refs, **kwargs):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        campaign_ids = [page_id] if kind == "campaign" else refs if kind == "exemplar" else []
        addresses = purge.urls_for_item(kind, locale, urls, unit_ids, campaign_ids)
        transaction.on_commit(lambda: purge.purge(addresses))


def _schedule_changed(sender, instance, **kwargs):
    """A unit's weekly schedule published or withdrawn: purge where the site shows it."""
    schedules.forget_current_weeks(instance.unit_id)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        addresses = purge.urls_for_schedule(instance)
        transaction.on_commit(lambda: purge.purge(addresses))


def _schedule_deleted(sender, instance, **kwargs):
    schedules.forget_current_weeks(instance.unit_id)


def _comments_changed(sender, *, page_ids, **kwargs):
    """Approved comments changed under these pages: the CDN purges them (the page cache has turned over)."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        summaries = queries.on_site().filter(pk__in=page_ids).values_list("summary", flat=True)
        purge.purge([url for url in (json.loads(summary).get("url") for summary in summaries) if url])


def _channels_changed(sender, **kwargs):
    forget_site_channels()


def connect() -> None:
    page_published.connect(_structure_changed, dispatch_uid="public-site-published")
    page_unpublished.connect(_structure_changed, dispatch_uid="public-site-unpublished")
    post_page_move.connect(_structure_changed, dispatch_uid="public-site-moved")
    post_delete.connect(_structure_changed, sender=Page, dispatch_uid="public-site-deleted")
    document_changed.connect(_document_changed, dispatch_uid="public-site-purge")
    for signal in (page_published, page_unpublished):
        signal.connect(
            _schedule_changed, sender=WeeklySchedulePage, dispatch_uid=f"public-site-schedule-{signal}"
        )
    post_delete.connect(
        _schedule_deleted, sender=WeeklySchedulePage, dispatch_uid="public-site-schedule-deleted"
    )
    comments_changed.connect(_comments_changed, dispatch_uid="public-site-comments")
    post_save.connect(_channels_changed, sender=Channel, dispatch_uid="public-site-channels")
