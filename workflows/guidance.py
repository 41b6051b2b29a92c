"""
What the people of a workflow are told where they work: the proposer sees a request for
changes (its comment, who asked, at which stage) at the top of the editor and on the
dashboard; a verifier sees why "Thẩm định đạt" is not offered, and for which award.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from . import approvers
from .models import AchievementVerificationTask
from .names import stage_label


def person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else _("không rõ")


def changes_requested(task_state: TaskState) -> str:
    """One sentence: which stage asked, who, when, and the comment."""
    text = _("Bước “%(stage)s” yêu cầu chỉnh sửa (%(user)s, %(date)s).") % {
        "stage": stage_label(task_state.task),
        "user": person(task_state.finished_by),
        "date": timezone.localtime(task_state.finished_at).strftime("%d/%m/%Y %H:%M")
        if task_state.finished_at
        else "",
    }
    comment = (task_state.comment or "").strip()
    return f"{text} {_('Ý kiến:')} {comment}" if comment else text


def missing_decisions(page) -> str:
    awards = approvers.undocumented_awards(page)
    if not awards:
        return ""
    names = "; ".join(str(award.award_form or award.title or award.pk) for award in awards)
    return _(
        "Chưa thể thẩm định đạt: khen thưởng sau chưa có số hoặc ngày quyết định: %(awards)s. "
        "Người đề xuất cần bổ sung, hoặc chọn “Yêu cầu chỉnh sửa”."
    ) % {"awards": names}


def editor_notices(page, user) -> list[tuple[str, str]]:
    """(level, text) for the top of the page editor."""
    state = page.current_workflow_state
    if state is None:
        return []
    task_state = state.current_task_state
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES and task_state is not None:
        return [("warning", changes_requested(task_state))]
    if task_state is not None and isinstance(task_state.task.specific, AchievementVerificationTask):
        task = task_state.task.specific
        if task.can_review(page, user) and (text := missing_decisions(page)):
            return [("warning", text)]
    return []


class ChangesRequestedPanel(Component):
    """Dashboard: the proposer's pages sent back for changes, with who asked and why."""

    name = "changes_requested"
    order = 90
    template_name = "workflows/dashboard/changes_requested.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        states = (
            WorkflowState.objects.filter(requested_by=self.user, status=WorkflowState.STATUS_NEEDS_CHANGES)
            .select_related("current_task_state__task", "current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")[:20]
        )
        rows = []
        for state in states:
            page = state.content_object
            if page is None or state.current_task_state is None:
                continue
            rows.append({"page": page, "text": changes_requested(state.current_task_state)})
        return {"rows": rows}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return super().render_html(parent_context) if context["rows"] else ""


def last_request_of_stage(task_state: TaskState) -> TaskState | None:
    """The same stage's earlier round in this workflow, if it asked for changes (it resumed here)."""
    return (
        TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            task_id=task_state.task_id,
            status=TaskState.STATUS_REJECTED,
        )
        .exclude(pk=task_state.pk)
        .select_related("finished_by")
        .order_by("-started_at", "-pk")
        .first()
    )


def what_changed(task_state: TaskState | None) -> dict:
    """
    For the reviewer of a stage that resumed after asking for changes: Wagtail's comparison of
    the revision the stage saw last with the page's latest revision, and when it asked.
    """
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return {}
    earlier = last_request_of_stage(task_state)
    obj = task_state.workflow_state.content_object
    if earlier is None or earlier.revision_id is None or not isinstance(obj, Page):
        return {}
    return {
        "compare_url": reverse(
            "wagtailadmin_pages:revisions_compare", args=(obj.pk, earlier.revision_id, "latest")
        ),
        "asked": changes_requested(earlier),
    }
