"""The coordination workflows, created idempotently by setup_site."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowTask

from cms.models import CoordinatingRole, RoleCode

from . import names
from .models import (
    AchievementVerificationTask,
    ChannelReleaseTask,
    EditorialTask,
    RoleApprovalTask,
    UnitHeadConfirmationTask,
)

# Wagtail's initial migrations create this workflow, assigned to the root page, with a
# task for its stock "Moderators" group.
STOCK_WORKFLOW_NAME = "Moderators approval"
DEFAULT_WORKFLOW_NAME = names.DEFAULT_WORKFLOW
DEFAULT_TASK_NAME = names.OFFICE_APPROVAL

EXEMPLAR_WORKFLOW = names.EXEMPLAR_WORKFLOW
CAMPAIGN_WORKFLOW = names.CAMPAIGN_WORKFLOW
NEWS_WORKFLOW = names.NEWS_WORKFLOW


@transaction.atomic
def ensure_default_workflow(office_group: Group, home_page) -> Workflow:
    """Pages outside the three indexes go to the Office: Wagtail's stock workflow, adopted."""
    workflow = Workflow.objects.filter(name__in=[STOCK_WORKFLOW_NAME, DEFAULT_WORKFLOW_NAME]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=DEFAULT_WORKFLOW_NAME)
    elif workflow.name != DEFAULT_WORKFLOW_NAME:
        workflow.name = DEFAULT_WORKFLOW_NAME
        workflow.save(update_fields=["name"])
    task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=DEFAULT_TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if task.name != DEFAULT_TASK_NAME:
        task.name = DEFAULT_TASK_NAME
        task.save(update_fields=["name"])
    task.groups.set([office_group])
    WorkflowPage.objects.get_or_create(page=home_page, defaults={"workflow": workflow})
    return workflow


def _task(model: type[Task], name: str, **fields) -> Task:
    task = model.objects.filter(name=name).first()
    return task or model.objects.create(name=name, **fields)


def _workflow(name: str, tasks: list[Task], page: Page) -> Workflow:
    """Create the workflow with its tasks once; later runs keep administrators' changes."""
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        # Through the model's manager: the cluster's related manager would not save.
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def _release_by_channel(workflow: Workflow, release: ChannelReleaseTask) -> None:
    """
    A deployment from before per-channel publication ends its workflows with the Office's
    approval of every channel: that stage becomes the per-channel release, in its place.
    """
    office = RoleApprovalTask.objects.filter(name=names.OFFICE_APPROVAL).first()
    if office is not None and not workflow.workflow_tasks.filter(task=release).exists():
        WorkflowTask.objects.filter(workflow=workflow, task=office).update(task=release)


@transaction.atomic
def ensure_coordination_workflows(exemplars: Page, campaigns: Page, news: Page) -> dict[str, Workflow]:
    """
    Exemplars: unit head, verification, editorial, release by channel. Campaigns: emulation,
    release. News: editorial, release. Each channel is released by its own publisher.
    """
    roles = {role.code: role for role in CoordinatingRole.objects.all()}
    release = _task(ChannelReleaseTask, names.CHANNEL_RELEASE)
    editorial = _task(EditorialTask, names.EDITORIAL)
    workflows = {
        "exemplar": _workflow(
            EXEMPLAR_WORKFLOW,
            [
                _task(UnitHeadConfirmationTask, names.UNIT_HEAD_CONFIRMATION),
                _task(
                    AchievementVerificationTask,
                    names.ACHIEVEMENT_VERIFICATION,
                    role=roles[RoleCode.EMULATION_REWARDS],
                ),
                editorial,
                release,
            ],
            exemplars,
        ),
        "campaign": _workflow(
            CAMPAIGN_WORKFLOW,
            [
                _task(
                    RoleApprovalTask,
                    names.CAMPAIGN_VERIFICATION,
                    role=roles[RoleCode.EMULATION_REWARDS],
                ),
                release,
            ],
            campaigns,
        ),
        "news": _workflow(NEWS_WORKFLOW, [editorial, release], news),
    }
    for workflow in workflows.values():
        _release_by_channel(workflow, release)
    return workflows


SCHEDULE_WORKFLOW = names.SCHEDULE_WORKFLOW


@transaction.atomic
def ensure_schedule_workflow() -> Workflow:
    """
    A unit's weekly schedule: its own head approves, nobody else (the unit-head task the
    exemplar workflow starts with, reused). Assigned to no page: the schedule page type asks
    for it by name (exemplar_pages.models.schedule), wherever its unit folder is.
    """
    task = _task(UnitHeadConfirmationTask, names.UNIT_HEAD_CONFIRMATION)
    workflow, created = Workflow.objects.get_or_create(name=SCHEDULE_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


TRANSLATION_WORKFLOW = names.TRANSLATION_WORKFLOW


@transaction.atomic
def ensure_translation_workflow(en_home: Page) -> Workflow:
    """English editions: translated by the journal's translators, approved by the Office."""
    office = CoordinatingRole.objects.get(code=RoleCode.OFFICE)
    task = _task(RoleApprovalTask, names.TRANSLATION_APPROVAL, role=office)
    return _workflow(TRANSLATION_WORKFLOW, [task], en_home)
