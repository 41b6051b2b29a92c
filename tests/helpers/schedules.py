"""Steps of the weekly schedule tests: seed 004's week published in Bình Thuận's folder."""

from __future__ import annotations

from exemplar_pages.models import WeeklySchedulePage
from exemplar_pages.schedule_demo import SEED_004_WEEK, ensure_schedule, sample_days, seed_004_days


def publish_seed_004(unit) -> WeeklySchedulePage:
    """Bình Thuận's schedule of 08–14/7/2024, published as its head would."""
    ensure_schedule(unit, SEED_004_WEEK, seed_004_days(), sample=False)
    return WeeklySchedulePage.objects.get(unit=unit, week_start=SEED_004_WEEK)


def publish_sample(unit, monday) -> WeeklySchedulePage:
    ensure_schedule(unit, monday, sample_days(monday), sample=True)
    return WeeklySchedulePage.objects.get(unit=unit, week_start=monday)


def draft_schedule(unit, monday) -> WeeklySchedulePage:
    """A schedule saved but never published (what nobody outside the admin may see)."""
    page = publish_sample(unit, monday)
    page.unpublish()
    return WeeklySchedulePage.objects.get(pk=page.pk)
