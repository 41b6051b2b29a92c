"""
Working days: Monday to Friday, less the days off of the calendar (CalendarDay), plus the
weekend days it lists as worked in exchange. Stage deadlines and reminders count with these.

The calendar is seeded from the Vietnam calendar of the well-kept `holidays` package (the
statutory holidays of the Labour Code, Tết and the compensating days the Government set),
year by year; what the Office enters or corrects in the admin is never overwritten.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.db import transaction

from cms.models import CalendarDay, DayKind, DaySource

# "Ngày nghỉ (thay cho ngày 22/08/2026)": the day off is given in exchange for working that day.
SUBSTITUTED_RE = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")
# A generous window for the days a deadline can span (Tết takes more than a week off).
SLACK_DAYS = 45


class WorkingCalendar:
    """The listed days between two dates, read once, to count working days without a query each."""

    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.start, self.end = start, end
        self.off: set[datetime.date] = set()
        self.worked: set[datetime.date] = set()
        for date, kind in CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"):
            (self.off if kind == DayKind.DAY_OFF else self.worked).add(date)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.worked:
            return True
        return day.weekday() < 5 and day not in self.off


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`."""
    calendar = WorkingCalendar(start, start + datetime.timedelta(days=days * 2 + SLACK_DAYS))
    day, remaining = start, days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if day > calendar.end:
            calendar = WorkingCalendar(day, day + datetime.timedelta(days=remaining * 2 + SLACK_DAYS))
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days elapsed after `start` up to and including `end`."""
    if end <= start:
        return 0
    calendar = WorkingCalendar(start, end)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if calendar.is_working_day(start + datetime.timedelta(offset))
    )


def statutory_days(years: Iterable[int]) -> dict[datetime.date, tuple[str, str]]:
    """date -> (kind, Vietnamese name) of the `holidays` package's Vietnam calendar."""
    # Imported here, not at module level: `holidays` costs every app server about 5 MB of
    # memory, for a seed run once a year (tests/vksnd/test_startup_imports.py).
    import holidays

    found: dict[datetime.date, tuple[str, str]] = {}
    for date, name in sorted(holidays.VN(years=list(years), language="vi").items()):
        found[date] = (DayKind.DAY_OFF, name)
        if match := SUBSTITUTED_RE.search(name):
            worked = datetime.date(int(match[3]), int(match[2]), int(match[1]))
            found.setdefault(worked, (DayKind.WORKING_DAY, f"Làm bù cho ngày nghỉ {date:%d/%m/%Y}"))
    return found


@transaction.atomic
def seed_calendar(years: Iterable[int]) -> list[datetime.date]:
    """
    Add the statutory days of each year not seeded yet; returns the dates added. A year the
    calendar already holds seeded days for is left as the Office keeps it (deletions included).
    """
    seeded_years = set(
        CalendarDay.objects.filter(source=DaySource.HOLIDAYS).values_list("date__year", flat=True).distinct()
    )
    wanted = [year for year in years if year not in seeded_years]
    taken = set(CalendarDay.objects.filter(date__year__in=wanted).values_list("date", flat=True))
    rows = [
        CalendarDay(date=date, kind=kind, name=name[:255], source=DaySource.HOLIDAYS)
        for date, (kind, name) in statutory_days(wanted).items()
        if date.year in wanted and date not in taken
    ]
    CalendarDay.objects.bulk_create(rows)
    return [row.date for row in rows]
