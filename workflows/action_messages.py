"""
A success message after every workflow action.

Wagtail's workflow action view (the dialog of "Yêu cầu chỉnh sửa", "Xác nhận kèm ý kiến",
"Đăng tải lên kênh", "Tạm giữ kênh"…) ends without a message, and the editor's own workflow
actions say only that the page was saved. Neither has a hook after the action, and
`Task.on_action` is not given the request, so this middleware wraps those two views: when the
action went through, it tells the user what they did and where the page stands now.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import Page

from .names import stage_label

WORKFLOW_ACTION_VIEW = "wagtailadmin_pages:workflow_action"
EDIT_VIEW = "wagtailadmin_pages:edit"


def _refused(request) -> bool:
    """Wagtail answers a refused action with an error message and a redirect to the dashboard."""
    storage = messages.get_messages(request)
    refused = any(message.level >= messages.ERROR for message in storage)
    storage.used = False  # only looked at: the next page still shows them
    return refused


def _succeeded(request, response) -> bool:
    if response.status_code in (301, 302, 303):
        return not _refused(request)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("application/json"):
        try:
            return json.loads(response.content).get("step") == "success"
        except ValueError:
            return False
    return False


def _action_label(page, user, action: str) -> str:
    task = page.current_workflow_task
    if task is None:
        return action
    for name, label, _modal in task.specific.get_actions(page, user):
        if name == action:
            return str(label)
    return action


def outcome(page, previous_task_state_id) -> str:
    """Where the page stands after the action, in one sentence."""
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    if state is None:
        return _("Quy trình duyệt đã hoàn tất.")
    if state.status == state.STATUS_NEEDS_CHANGES:
        return _("Trang đã được trả lại người đề xuất để chỉnh sửa.")
    task_state = state.current_task_state
    if task_state is None:
        return _("Quy trình duyệt đã hoàn tất.")
    if task_state.pk == previous_task_state_id:
        return _("Bước “%(stage)s” còn chờ người duyệt khác.") % {"stage": stage_label(task_state.task)}
    return _("Trang đã chuyển sang bước “%(stage)s”.") % {"stage": stage_label(task_state.task)}


class WorkflowActionMessageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or not request.user.is_authenticated:
            return None
        if match.view_name == WORKFLOW_ACTION_VIEW:
            action = view_kwargs.get("action_name", "")
        elif match.view_name == EDIT_VIEW and "action-workflow-action" in request.POST:
            action = request.POST.get("workflow-action-name", "")
        else:
            return None
        page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
        task_state = page.current_workflow_task_state if page else None
        if task_state is None:
            return None
        label = _action_label(page, request.user, action)
        response = view_func(request, *view_args, **view_kwargs)
        if _succeeded(request, response):
            messages.success(
                request,
                _("Đã thực hiện “%(action)s” cho trang “%(title)s”. %(outcome)s")
                % {
                    "action": label,
                    "title": page.get_admin_display_title(),
                    "outcome": outcome(page, task_state.pk),
                },
            )
        return response
