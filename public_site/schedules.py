"""
The units' weekly work schedules on the public site: on the unit's page (this week, next week
once published), one page per week, the archive by week, the embed for the unit's own
website and the iCalendar feed staff subscribe to (RFC 5545, Asia/Ho_Chi_Minh).

Schedules are in Vietnamese only (no English edition): the English site does not list them.
Everything reads the same plain data as the content API (exemplar_pages.schedules.days_data).
"""

from __future__ import annotations

import datetime
import hashlib
from itertools import groupby
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.clickjacking import xframe_options_exempt

from cms.models import Unit
from content_api.schedules import published_schedules
from exemplar_pages.models import UnitFolderPage, WeeklySchedulePage
from exemplar_pages.schedules import days_data, format_day, monday_of, parse_iso_week

from .navigation import site_nav
from .purge import absolute
from .views import canonical_code

if TYPE_CHECKING:
    import icalendar

TIMEZONE = "Asia/Ho_Chi_Minh"
ZONE = ZoneInfo(TIMEZONE)
# How many weeks back the subscribed feed reaches (a calendar app re-reads it every few hours).
FEED_WEEKS = 26
PRODID = "-//VKSND//Lich cong tac don vi//VI"


def unit_schedules(unit: Unit):
    return published_schedules().filter(unit=unit)


def schedule_view(page: WeeklySchedulePage) -> dict[str, Any]:
    """What a template shows of one week."""
    return {
        "page": page,
        "title": page.title,
        "week": page.iso_week,
        "range": f"{format_day(page.week_start)} – {format_day(page.week_end)}",
        "days": days_data(page.days),
        "updated_at": page.updated_after_publication,
        "sample": page.is_sample,
        "url": page.url,
    }


def unit_schedule_context(unit: Unit, language: str) -> dict[str, Any]:
    """For the unit's page: this week's and next week's schedules, when published."""
    if language != "vi":
        return {"schedules_shown": False}
    monday = monday_of(timezone.localdate())
    this_week, next_week = current_weeks(unit, monday)
    code = unit.code.lower()
    return {
        "schedules_shown": True,
        "this_week": this_week,
        "next_week": next_week,
        "this_week_range": f"{format_day(monday)} – {format_day(monday + datetime.timedelta(days=6))}",
        "archive_url": reverse("public_site:schedule_archive", args=[code]),
        "ics_url": reverse("public_site:schedule_ics", args=[code]),
    }


CURRENT_KEY = "public-site:unit-schedules:{}"


def current_weeks(unit: Unit, monday: datetime.date) -> tuple[dict | None, dict | None]:
    """
    This week's and next week's schedules of a unit, as plain data. Kept in the shared cache
    until the unit's schedules change (forget_current_weeks) or the week turns, so that the
    unit page stays within its query budget after every publication of anything else
    (tests/public_site/test_caching.py).
    """
    key = CURRENT_KEY.format(unit.pk)
    found = cache.get(key)
    if found is not None and found["monday"] == monday:
        return found["this"], found["next"]
    following = monday + datetime.timedelta(days=7)
    weeks = {
        page.week_start: page for page in unit_schedules(unit).filter(week_start__in=[monday, following])
    }
    views = [_plain(schedule_view(weeks[day])) if day in weeks else None for day in (monday, following)]
    cache.set(key, {"monday": monday, "this": views[0], "next": views[1]}, 24 * 3600)
    return views[0], views[1]


def _plain(view: dict) -> dict:
    return {name: value for name, value in view.items() if name != "page"}


def forget_current_weeks(unit_id: int) -> None:
    """A schedule of the unit changed: now and once the transaction commits."""
    cache.delete(CURRENT_KEY.format(unit_id))
    transaction.on_commit(lambda: cache.delete(CURRENT_KEY.format(unit_id)))


def schedule_page_context(page: WeeklySchedulePage, request: HttpRequest) -> dict[str, Any]:
    """One week of a unit (the renderer of WeeklySchedulePage)."""
    unit = page.unit
    code = unit.code.lower()
    siblings = unit_schedules(unit)
    previous = siblings.filter(week_start__lt=page.week_start).order_by("-week_start").first()
    following = siblings.filter(week_start__gt=page.week_start).order_by("week_start").first()
    folder = page.get_parent()
    return {
        "unit": unit,
        "schedule": schedule_view(page),
        "previous": previous,
        "following": following,
        "unit_url": folder.url if folder.live else None,
        "archive_url": reverse("public_site:schedule_archive", args=[code]),
        "ics_url": reverse("public_site:schedule_ics", args=[code]) + f"?week={page.iso_week}",
        "feed_url": reverse("public_site:schedule_ics", args=[code]),
    }


def _vietnamese_only() -> None:
    if translation.get_language() != "vi":
        raise Http404


def _unit(code: str) -> Unit:
    return get_object_or_404(Unit, code=code.upper())


def archive(request: HttpRequest, code: str) -> HttpResponse:
    """Every published week of a unit, newest first, by year."""
    _vietnamese_only()
    if redirect := canonical_code(request, code):
        return redirect
    unit = _unit(code)
    request.public_cacheable = True
    pages = list(unit_schedules(unit).order_by("-week_start"))
    years = [(year, list(weeks)) for year, weeks in groupby(pages, key=lambda page: page.week_start.year)]
    folder = UnitFolderPage.objects.filter(unit=unit, locale__language_code="vi").live().first()
    context = {
        "language": "vi",
        "nav": site_nav("vi"),
        "alternates": {},
        "unit": unit,
        "years": years,
        "unit_url": folder.url if folder else None,
        "ics_url": reverse("public_site:schedule_ics", args=[code.lower()]),
    }
    return TemplateResponse(request, "public_site/schedule_archive.html", context)


@xframe_options_exempt
def embed(request: HttpRequest, code: str) -> HttpResponse:
    """This week's schedule of a unit (next week's too once published), for the unit's website."""
    _vietnamese_only()
    if redirect := canonical_code(request, code):
        return redirect
    unit = _unit(code)
    request.public_cacheable = True
    context = {"language": "vi", "unit": unit, **unit_schedule_context(unit, "vi")}
    context["archive_url"] = absolute(context["archive_url"])
    return TemplateResponse(request, "public_site/schedule_embed.html", context)


# iCalendar ----------------------------------------------------------------------------------


def _timezone_component() -> icalendar.Timezone:
    """Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving since 1975."""
    import icalendar

    zone = icalendar.Timezone()
    zone.add("TZID", TIMEZONE)
    standard = icalendar.TimezoneStandard()
    standard.add("TZNAME", "+07")
    standard.add("DTSTART", datetime.datetime(1975, 6, 13, 0, 0))
    standard.add("TZOFFSETFROM", datetime.timedelta(hours=8))
    standard.add("TZOFFSETTO", datetime.timedelta(hours=7))
    zone.add_component(standard)
    return zone


def _summary(item: dict) -> str:
    text = item["content"]
    if item["duration_label"] and item["duration_label"] not in text:
        text = f"{text} ({item['duration_label']})"
    return text


def _description(item: dict) -> str:
    lines = []
    for label, key in (
        ("Chủ trì", "who"),
        ("Đơn vị báo cáo", "department"),
        ("Thành phần", "participants"),
        ("Thời gian", "duration_label"),
    ):
        if item[key]:
            lines.append(f"{label}: {item[key]}")
    return "\n".join(lines)


def calendar_for(unit: Unit, pages: list[WeeklySchedulePage], base_url: str) -> icalendar.Calendar:
    # Imported here, not at module level: only the iCalendar feed needs it, and every app
    # server would otherwise keep it in memory (tests/vksnd/test_startup_imports.py).
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", f"Lịch công tác – {unit.short_name}")
    calendar.add("X-WR-TIMEZONE", TIMEZONE)
    calendar.add_component(_timezone_component())
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for page in pages:
        modified = (page.last_published_at or stamp).astimezone(datetime.UTC).replace(microsecond=0)
        for day in days_data(page.days):
            for slot in day["slots"]:
                starts = datetime.datetime.fromisoformat(slot["starts_at"]).replace(tzinfo=ZONE)
                for index, item in enumerate(slot["items"]):
                    event = icalendar.Event()
                    # Stable while the line stays in its place: an edit updates the event.
                    key = f"{page.pk}|{day['date']}|{slot['time']}|{index}"
                    event.add("UID", f"{hashlib.sha256(key.encode()).hexdigest()[:24]}@lich-cong-tac.vksnd")
                    event.add("DTSTAMP", stamp)
                    event.add("LAST-MODIFIED", modified)
                    event.add("DTSTART", starts)
                    if item["ends_at"]:
                        event.add(
                            "DTEND", datetime.datetime.fromisoformat(item["ends_at"]).replace(tzinfo=ZONE)
                        )
                    event.add("SUMMARY", _summary(item))
                    if item["location"]:
                        event.add("LOCATION", item["location"])
                    description = _description(item)
                    if description:
                        event.add("DESCRIPTION", description)
                    if page.url:
                        event.add("URL", base_url.rstrip("/") + page.url)
                    calendar.add_component(event)
    return calendar


def ics(request: HttpRequest, code: str) -> HttpResponse:
    """
    The unit's schedules as iCalendar: the last FEED_WEEKS weeks and what is published ahead,
    or one week with ?week=2024-W28 (an empty calendar when it has no published schedule).
    """
    unit = _unit(code)
    pages = unit_schedules(unit)
    week = request.GET.get("week")
    if week:
        try:
            pages = pages.filter(week_start=parse_iso_week(week))
        except ValueError:
            return HttpResponseBadRequest(
                "Tham số week không hợp lệ: ghi tuần ISO như 2024-W28.",
                content_type="text/plain; charset=utf-8",
            )
    else:
        since = monday_of(timezone.localdate()) - datetime.timedelta(weeks=FEED_WEEKS)
        pages = pages.filter(week_start__gte=since)
    request.public_cacheable = True
    body = calendar_for(unit, list(pages.order_by("week_start")), absolute("/")).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-cong-tac-{unit.code.lower()}.ics"'
    return response
