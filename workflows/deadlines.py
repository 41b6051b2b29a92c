"""Deadlines of workflow stages, counted in working days (cms/calendar.py: the Office's calendar)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import TaskState

from cms.calendar import add_working_days, working_days_between


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
