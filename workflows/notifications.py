"""
E-mail notifications of the coordination workflows, in Vietnamese.

Who gets what (the rules are the `*_recipients` functions below):

- a stage starts (`task_submitted`): the reviewers who may act on it now;
- a stage requests changes (`task_rejected`): the proposer, with the reviewer's comment;
- the workflow completes (`workflow_approved`): the proposer and the emulation & rewards group.

Every recipient's own Wagtail preferences apply (account → notifications: "submitted",
"rejected", "approved"), as for Wagtail's e-mails. Wagtail keeps mailing for its
GroupApprovalTask (the default workflow); its generic proposer e-mails are narrowed to the
workflows that are not ours (`StockApprovalNotifier`, `StockRejectionNotifier`), so nobody is
told the same thing twice.

E-mails leave once the action's transaction has committed: never for an action that rolled
back, never while the action holds its row locks, and only after an editorial stage without
editorial channels has marked itself skipped (it does so after `task_submitted` has fired).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.mail import (
    OpenedConnection,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    send_mail,
)
from wagtail.models import Task, TaskState, Workflow, WorkflowState
from wagtail.users.models import UserProfile

from cms.languages import recipient_language
from cms.models import CoordinatingRole, RoleCode

from . import approvers
from .deadlines import deadline_for
from .models import (
    AchievementVerificationTask,
    ChannelRelease,
    ChannelReleaseTask,
    EditorialTask,
    RoleApprovalTask,
    UnitHeadConfirmationTask,
)
from .names import stage_label

logger = logging.getLogger(__name__)

# AchievementVerificationTask is a RoleApprovalTask, so it is covered too.
COORDINATION_TASK_TYPES = (UnitHeadConfirmationTask, RoleApprovalTask, EditorialTask, ChannelReleaseTask)

TEMPLATE_DIR = "workflows/notifications/"

# What the reviewers of a stage are asked to do, for the subject line; most specific type first.
STAGE_REQUESTS: tuple[tuple[type[Task], str | Promise], ...] = (
    (UnitHeadConfirmationTask, _("Đề nghị xác nhận")),
    (AchievementVerificationTask, _("Đề nghị thẩm định")),
    (EditorialTask, _("Đề nghị biên tập")),
    (ChannelReleaseTask, _("Đề nghị đăng tải")),
    (RoleApprovalTask, _("Đề nghị phê duyệt")),
)


class Kind(StrEnum):
    """A kind of notification, named after its switch on Wagtail's UserProfile (`<kind>_notifications`)."""

    SUBMITTED = "submitted"
    REJECTED = "rejected"
    APPROVED = "approved"
    # A channel withheld: the proposer's "rejected" switch decides (it is a refusal).
    WITHHELD = "withheld"


PREFERENCE = {Kind.WITHHELD: "rejected"}


# Who gets what ---------------------------------------------------------------------------------


def is_coordination_task(task: Task) -> bool:
    """Whether the task is one of ours (theirs are left to Wagtail's own notifications)."""
    return isinstance(task.specific, COORDINATION_TASK_TYPES)


def is_coordination_workflow(workflow: Workflow) -> bool:
    """Whether the workflow has at least one of our task types."""
    return any(isinstance(task, COORDINATION_TASK_TYPES) for task in workflow.tasks.specific())


def _others(
    users: Iterable[AbstractBaseUser | None], actor: AbstractBaseUser | None
) -> list[AbstractBaseUser]:
    """The users without duplicates, blanks and the person who acted."""
    seen: dict[int, AbstractBaseUser] = {}
    for user in users:
        if user is not None and user.pk not in seen and (actor is None or user.pk != actor.pk):
            seen[user.pk] = user
    return list(seen.values())


def submission_recipients(task_state: TaskState, actor: AbstractBaseUser | None) -> list[AbstractBaseUser]:
    """
    The reviewers of a stage that has just started: the head group of the page's unit, the
    role's group, or the groups of the editorial roles still to sign off.

    Superusers are not added as such (unlike Wagtail's GroupApprovalTask e-mail): with
    WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS (on by default) Wagtail already tells them of
    every submission through `workflow_submitted`; adding them here would mail them again at
    every stage. Whether superusers hear of submissions at all stays that setting's decision.
    """
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return []  # skipped (no editorial channel chosen) or already finished
    return _others(approvers.reviewer_users(task_state), actor)


def rejection_recipients(task_state: TaskState, actor: AbstractBaseUser | None) -> list[AbstractBaseUser]:
    """The proposer: whoever submitted the workflow."""
    return _others([task_state.workflow_state.requested_by], actor)


def publication_recipients(
    workflow_state: WorkflowState, actor: AbstractBaseUser | None
) -> list[AbstractBaseUser]:
    """The proposer and the members of the emulation & rewards role's group."""
    role = CoordinatingRole.objects.filter(code=RoleCode.EMULATION_REWARDS).select_related("group").first()
    members = role.group.user_set.all() if role is not None and role.group_id else []
    return _others([workflow_state.requested_by, *members], actor)


def wants(user: AbstractBaseUser, kind: Kind) -> bool:
    """Whether the user can and wishes to receive this kind of e-mail (Wagtail's preferences)."""
    return bool(
        user.is_active
        and user.email
        and getattr(UserProfile.get_for_user(user), f"{PREFERENCE.get(kind, kind)}_notifications")
    )


# What they read --------------------------------------------------------------------------------


def display_name(user: AbstractBaseUser | None) -> str:
    """The user's full name, else the username ("" for nobody)."""
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def stage_request(task: Task) -> str | Promise:
    """The request for the subject line, e.g. "Đề nghị xác nhận"."""
    task = task.specific
    return next((label for model, label in STAGE_REQUESTS if isinstance(task, model)), _("Đề nghị xử lý"))


def _context(
    workflow_state: WorkflowState, task_state: TaskState | None, actor: AbstractBaseUser | None
) -> dict[str, Any]:
    """What every template gets: the page, its unit, the stage, the comment and the links."""
    page = workflow_state.content_object
    draft = approvers.draft_of(page)
    unit = getattr(draft, "unit", None) or getattr(draft, "issuing_unit", None)
    return {
        "title": draft.title,
        "unit": str(unit) if unit is not None else "",
        "stage": stage_label(task_state.task) if task_state is not None else "",
        "comment": (task_state.comment or "").strip() if task_state is not None else "",
        "actor_name": display_name(actor),
        "proposer_name": display_name(workflow_state.requested_by),
        "edit_url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk]),
        # The notifications tab of the account page, as in Wagtail's own e-mails.
        "preferences_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("wagtailadmin_account")
        + "#tab-notifications",
    }


def _render(kind: Kind, user: AbstractBaseUser, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and body in the recipient's preferred language (Vietnamese unless they chose otherwise)."""
    profile = UserProfile.get_for_user(user)
    context = {**context, "recipient_name": display_name(user)}
    with translation.override(recipient_language(user)), timezone.override(profile.get_current_time_zone()):
        subject = render_to_string(f"{TEMPLATE_DIR}{kind}_subject.txt", context)
        body = render_to_string(f"{TEMPLATE_DIR}{kind}.txt", context)
    # One line for the header; at most one blank line between paragraphs of the body.
    return " ".join(subject.split()), re.sub(r"\n\s*\n(\s*\n)+", "\n\n", body).strip() + "\n"


def send(kind: Kind, users: Iterable[AbstractBaseUser], context: dict[str, Any]) -> int:
    """
    One e-mail per recipient who wants it; returns how many left. A failure is logged, never
    raised: the workflow action has already happened.
    """
    recipients = [user for user in users if wants(user, kind)]
    if not recipients:
        return 0
    sent = 0
    try:
        with OpenedConnection(get_connection()) as connection:
            for user in recipients:
                try:
                    subject, body = _render(kind, user, context)
                    # Wagtail's sender: WAGTAILADMIN_NOTIFICATION_FROM_EMAIL, else DEFAULT_FROM_EMAIL,
                    # with "Auto-Submitted: auto-generated" so that mailboxes don't auto-reply.
                    send_mail(subject, body, [user.email], connection=connection)
                    sent += 1
                except Exception:
                    logger.exception("Failed to send the %s notification to %s", kind, user.email)
    except Exception:
        logger.exception("Mail connection failed; %s notification not sent", kind)
    return sent


# The events ------------------------------------------------------------------------------------


def notify_stage_started(task_state_pk: int, actor: AbstractBaseUser | None) -> int:
    """E-mail the reviewers of a stage that has started."""
    task_state = TaskState.objects.select_related("task", "workflow_state").get(pk=task_state_pk)
    context = _context(task_state.workflow_state, task_state, actor)
    context["request"] = stage_request(task_state.task)
    context["due"] = deadline_for(task_state).due
    return send(Kind.SUBMITTED, submission_recipients(task_state, actor), context)


def notify_changes_requested(task_state_pk: int, actor: AbstractBaseUser | None) -> int:
    """E-mail the proposer that a stage asks for changes, with the reviewer's comment."""
    task_state = TaskState.objects.select_related("task", "workflow_state").get(pk=task_state_pk)
    context = _context(task_state.workflow_state, task_state, actor)
    return send(Kind.REJECTED, rejection_recipients(task_state, actor), context)


def notify_published(workflow_state_pk: int, actor: AbstractBaseUser | None) -> int:
    """E-mail the proposer and emulation & rewards that the page is published (or scheduled)."""
    workflow_state = WorkflowState.objects.select_related("current_task_state__task").get(
        pk=workflow_state_pk
    )
    context = _context(workflow_state, workflow_state.current_task_state, actor)
    # A future go-live date makes Wagtail schedule the revision instead of publishing it.
    scheduled = workflow_state.content_object.scheduled_revision
    context["scheduled_for"] = scheduled.approved_go_live_at if scheduled is not None else None
    return send(Kind.APPROVED, publication_recipients(workflow_state, actor), context)


def notify_withheld(release_pks: list[int], actor: AbstractBaseUser | None) -> int:
    """E-mail the proposer which channels were withheld, by whom and why."""
    rows = list(
        ChannelRelease.objects.filter(pk__in=release_pks).select_related("channel", "task_state__task")
    )
    if not rows or rows[0].task_state is None:
        return 0
    task_state = rows[0].task_state
    context = _context(task_state.workflow_state, task_state, actor)
    context["withheld"] = [(row.channel.name, row.reason) for row in rows]
    return send(Kind.WITHHELD, rejection_recipients(task_state, actor), context)


def after_commit(callback: Callable[[], object]) -> None:
    """Run the callback once the current transaction commits; an error is logged, not raised."""
    transaction.on_commit(callback, robust=True)


# Wagtail's own e-mails to the proposer, minus ours ----------------------------------------------


class StockApprovalNotifier(WorkflowStateApprovalEmailNotifier):
    """Wagtail's "approved" e-mail to the proposer, for workflows that are not ours."""

    def can_handle(self, instance: WorkflowState, **kwargs: Any) -> bool:
        return super().can_handle(instance, **kwargs) and not is_coordination_workflow(instance.workflow)


class StockRejectionNotifier(WorkflowStateRejectionEmailNotifier):
    """Wagtail's "rejected" e-mail to the proposer, for stages that are not ours."""

    def can_handle(self, instance: WorkflowState, **kwargs: Any) -> bool:
        return super().can_handle(instance, **kwargs) and not is_coordination_task(
            instance.current_task_state.task
        )


stock_approval_notifier = StockApprovalNotifier()
stock_rejection_notifier = StockRejectionNotifier()


# Signal handlers (connected in WorkflowsConfig.ready) -------------------------------------------


def on_task_submitted(
    sender: type[TaskState], instance: TaskState, user: AbstractBaseUser | None = None, **kwargs: Any
) -> None:
    """A stage started: mail its reviewers once the action commits."""
    if is_coordination_task(instance.task):
        pk = instance.pk
        after_commit(lambda: notify_stage_started(pk, user))


def on_task_rejected(
    sender: type[TaskState], instance: TaskState, user: AbstractBaseUser | None = None, **kwargs: Any
) -> None:
    """A stage asked for changes: mail the proposer once the action commits."""
    if is_coordination_task(instance.task):
        pk = instance.pk
        after_commit(lambda: notify_changes_requested(pk, user))


def on_workflow_approved(
    sender: type[WorkflowState], instance: WorkflowState, user: AbstractBaseUser | None = None, **kwargs: Any
) -> None:
    """A workflow of ours completed: mail the proposer and emulation & rewards once it commits."""
    if is_coordination_workflow(instance.workflow):
        pk = instance.pk
        after_commit(lambda: notify_published(pk, user))
