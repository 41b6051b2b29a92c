"""Deadlines of workflow stages, counted in working days (Monday to Friday, less holidays)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail.models import TaskState


def holidays() -> set[datetime.date]:
    """Public holidays from settings.WORKFLOW_HOLIDAYS (ISO dates), maintained per year."""
    return {datetime.date.fromisoformat(day) for day in getattr(settings, "WORKFLOW_HOLIDAYS", [])}


def is_working_day(day: datetime.date, off: set[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in off


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`."""
    off = holidays()
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, off):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days elapsed after `start` up to and including `end`."""
    off = holidays()
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, off):
            count += 1
    return count


@dataclass
class Deadline:
    """Where a task state stands against its target."""

    started: datetime.date
    due: datetime.date | None
    age: int

    @property
    def overdue(self) -> bool:
        return self.due is not None and timezone.localdate() > self.due


def deadline_for(task_state: TaskState) -> Deadline:
    started = timezone.localdate(task_state.started_at)
    target = getattr(task_state.task.specific, "target_working_days", None)
    due = add_working_days(started, target) if target else None
    return Deadline(started=started, due=due, age=working_days_between(started, timezone.localdate()))
