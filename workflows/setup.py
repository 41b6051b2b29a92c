"""Workflows created idempotently by setup_site."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

# Wagtail's initial migrations create this workflow, assigned to the root page, with a
# task for its stock "Moderators" group.
STOCK_WORKFLOW_NAME = "Moderators approval"
DEFAULT_WORKFLOW_NAME = "Phê duyệt đăng tải"
DEFAULT_TASK_NAME = "Phê duyệt đăng tải (Văn phòng)"


@transaction.atomic
def ensure_default_workflow(office_group: Group, home_page) -> Workflow:
    """
    Until the coordination workflows exist, every submission goes to the Office for the
    final approval: Wagtail's stock workflow is adopted and its task given to the Office.
    """
    workflow = Workflow.objects.filter(name__in=[STOCK_WORKFLOW_NAME, DEFAULT_WORKFLOW_NAME]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=DEFAULT_WORKFLOW_NAME)
    elif workflow.name != DEFAULT_WORKFLOW_NAME:
        workflow.name = DEFAULT_WORKFLOW_NAME
        workflow.save(update_fields=["name"])
    task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=DEFAULT_TASK_NAME)
        workflow.workflow_tasks.create(task=task, sort_order=0)
    if task.name != DEFAULT_TASK_NAME:
        task.name = DEFAULT_TASK_NAME
        task.save(update_fields=["name"])
    task.groups.set([office_group])
    WorkflowPage.objects.get_or_create(page=home_page, defaults={"workflow": workflow})
    return workflow
