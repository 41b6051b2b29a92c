"""
The units' weekly schedules in the content API: which are published, and their JSON.

Schedules are the units' own information, public like the units directory (not scoped by
channel), and small: they are read from the live pages themselves (a live page's row is its
published version; drafts live in revisions), not from the projection of the channel items.
Publishing one turns the content version over (handlers.py), so ETags and cached answers
follow it as they follow the other endpoints.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Page

from exemplar_pages import restrictions
from exemplar_pages.models import WeeklySchedulePage
from exemplar_pages.schedules import days_data

from .representations import API_PREFIX, iso, unit_ref


def schedule_url(page: WeeklySchedulePage) -> str | None:
    """Its address on the public site (schedules are on no channel: the unit's own site shows them)."""
    parts = page.get_url_parts()
    if not parts:
        return None
    base = getattr(settings, "CONTENT_PUBLIC_BASE_URL", "")
    return f"{base.rstrip('/')}{parts[2]}" if base else page.get_full_url()


def published_schedules() -> QuerySet[WeeklySchedulePage]:
    """Live schedules in the source language, none behind a view restriction."""
    schedules = WeeklySchedulePage.objects.live().filter(locale__language_code="vi").select_related("unit")
    if restrictions.any_exist():  # rare: asked of the database only when some exist
        restricted = Page.objects.exclude(pk__in=Page.objects.public().values("pk")).values("pk")
        schedules = schedules.exclude(pk__in=restricted)
    return schedules


def schedule_json(page: WeeklySchedulePage) -> dict[str, Any]:
    updated = page.updated_after_publication
    return {
        "id": page.pk,
        "unit": unit_ref(page.unit),
        "week": page.iso_week,
        "week_start": page.week_start.isoformat(),
        "week_end": page.week_end.isoformat(),
        "title": page.title,
        "sample": page.is_sample,
        "published_at": iso(page.first_published_at),
        "updated_at": iso(updated),
        "timezone": "Asia/Ho_Chi_Minh",
        "url": schedule_url(page),
        "api_url": f"{API_PREFIX}/schedules/?unit={page.unit_id}&week={page.iso_week}",
        "days": days_data(page.days),
    }


def week_of(schedules: QuerySet[WeeklySchedulePage], unit_id: int, monday: datetime.date):
    return schedules.filter(unit_id=unit_id, week_start=monday).first()
