"""
Daily reminders for overdue workflow stages (run by a scheduler: send_workflow_reminders),
one e-mail per reviewer, in the language each chose in their Wagtail profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from cms.languages import recipient_language

from .approvers import reviewer_users
from .deadlines import deadline_for
from .models import ChannelReleaseTask, EditorialTask, ReminderLog, RoleApprovalTask, UnitHeadConfirmationTask
from .names import stage_label

REMINDED_TASK_TYPES = (UnitHeadConfirmationTask, RoleApprovalTask, EditorialTask, ChannelReleaseTask)


@dataclass
class ReminderReport:
    """What a run did."""

    reminded: int = 0
    e_mails: int = 0


def overdue_task_states():
    states = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
        "task", "workflow_state"
    )
    for state in states:
        if isinstance(state.task.specific, REMINDED_TASK_TYPES) and deadline_for(state).overdue:
            yield state


def _message(state: TaskState, language: str) -> tuple[str, str]:
    page = state.workflow_state.content_object
    deadline = deadline_for(state)
    url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])
    with translation.override(language):
        subject = _("[Gương điển hình] Quá hạn %(stage)s: %(title)s") % {
            "stage": stage_label(state.task),
            "title": page.title,
        }
        body = _(
            "Trang “%(title)s” đang chờ bước “%(stage)s” từ ngày %(started)s, hạn xử lý là %(due)s "
            "(%(age)s ngày làm việc). Vui lòng xử lý tại: %(url)s"
        ) % {
            "title": page.title,
            "stage": stage_label(state.task),
            "started": deadline.started.strftime("%d/%m/%Y"),
            "due": deadline.due.strftime("%d/%m/%Y") if deadline.due else "",
            "age": deadline.age,
            "url": url,
        }
    return subject, body


def send_reminders() -> ReminderReport:
    """E-mail the reviewers of every overdue stage, at most once per stage and day."""
    report = ReminderReport()
    today = timezone.localdate()
    for state in overdue_task_states():
        reviewers = [u for u in reviewer_users(state).order_by("pk") if u.email]
        try:
            with transaction.atomic():
                ReminderLog.objects.create(task_state=state, sent_on=today, recipients=len(reviewers))
        except IntegrityError:
            continue  # already reminded today (a second run, or another worker)
        by_language: dict[str, list[str]] = {}
        for user in reviewers:
            by_language.setdefault(recipient_language(user), []).append(user.email)
        for language, addresses in by_language.items():
            subject, body = _message(state, language)
            for address in addresses:  # one e-mail each: reviewers don't see each other's address
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True)
        report.reminded += 1
        report.e_mails += len(reviewers)
    return report
