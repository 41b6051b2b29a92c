"""Who may act at each stage, and the page facts the stages depend on."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import TaskState

from cms.models import Channel, CoordinatingRole, RoleCode
from exemplar_pages.models import ExemplarPage, NewsPage, PlanPage, UnitNewsPage, WeeklySchedulePage


def in_any_group(user, groups: Iterable[Group | None]) -> bool:
    ids = [group.pk for group in groups if group is not None]
    return bool(ids) and user.groups.filter(pk__in=ids).exists()


def draft_of(obj):
    """
    The content under moderation: the latest revision, not the live row. Read afresh,
    since workflow code holds page instances whose `latest_revision` may be stale.
    """
    page = type(obj.specific).objects.get(pk=obj.pk) if hasattr(obj, "specific") else obj
    return page.get_latest_revision_as_object()


def unit_head_groups(obj) -> list[Group]:
    unit = getattr(draft_of(obj), "unit", None)
    return [unit.head_group] if unit is not None and unit.head_group_id else []


def page_ids_headed_by(user) -> list[str]:
    """Ids (as workflow states store them) of the pages whose unit the user heads."""
    groups = user.groups.all()
    ids = list(ExemplarPage.objects.filter(unit__head_group__in=groups).values_list("pk", flat=True))
    for model in (NewsPage, UnitNewsPage, PlanPage, WeeklySchedulePage):
        ids += model.objects.filter(unit__head_group__in=groups).values_list("pk", flat=True)
    return [str(pk) for pk in ids]


def awards_documented(obj) -> bool:
    """Every award names its decision by number and date (needed before verification)."""
    awards = getattr(draft_of(obj), "awards", None)
    return awards is None or all(award.is_documented for award in awards.all())


def record_verification(page, user, recognition_level: str | None, channel_codes: Iterable[str]) -> object:
    """Save the verifier's findings as a new revision of the draft; returns the revision."""
    draft = draft_of(page)
    draft.recognition_level = recognition_level or ""
    draft.channels.set(list(Channel.objects.filter(code__in=list(channel_codes))))
    return draft.save_revision(user=user, log_action=True)


def editorial_roles(obj) -> list[CoordinatingRole]:
    """The editorial roles (journal, newspaper) whose channels the draft was approved for."""
    channels = getattr(draft_of(obj), "channels", None)
    if channels is None:
        return []
    role_ids = {c.editorial_role_id for c in channels.all() if c.editorial_role_id}
    return list(CoordinatingRole.objects.filter(pk__in=role_ids).select_related("group").order_by("code"))


def signed_role_ids(task_state: TaskState) -> set[int]:
    return set(task_state.editorial_sign_offs.values_list("role_id", flat=True))


def pending_editorial_roles(obj, user, task_state: TaskState | None = None) -> list[CoordinatingRole]:
    """
    Editorial roles that have not signed off yet in the current editorial task; with a
    user, only those the user acts for (a superuser acts for all).
    """
    if task_state is None:
        workflow_state = obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None
        task_state = workflow_state.current_task_state if workflow_state else None
    if task_state is None:
        return []
    signed = signed_role_ids(task_state)
    pending = [role for role in editorial_roles(obj) if role.pk not in signed]
    if user is None or user.is_superuser:
        return pending
    return [role for role in pending if in_any_group(user, [role.group])]


def reviewer_users(task_state: TaskState):
    """Active users who may act on the task state now (for reminders and reports)."""
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    if hasattr(task, "pending_roles_for_reminders"):
        groups = task.pending_roles_for_reminders(page, task_state)
    else:
        groups = task.reviewers_for(page) if hasattr(task, "reviewers_for") else list(task.groups.all())
    return get_user_model().objects.filter(is_active=True, groups__in=[g for g in groups if g]).distinct()


# Approvals carried forward ---------------------------------------------------------------------


def latest_approvals(workflow_state) -> dict[int, TaskState]:
    """Per task, its latest approved state in the workflow state (one per task, never two rounds)."""
    latest: dict[int, TaskState] = {}
    states = TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
    for state in states.order_by("finished_at", "pk"):
        current = latest.get(state.task_id)
        # A copy shares its original's finish time and comes later: keep the original.
        if current is None or state.finished_at != current.finished_at:
            latest[state.task_id] = state
    return latest


def carry_approvals(workflow_state, revision, task_ids: Iterable[int] | None = None) -> None:
    """
    Let the latest approval of each task (or of `task_ids`) count for `revision` too, as
    Wagtail's copy_approved_task_states_to_revision does, but once per task: earlier rounds'
    approvals are history, not approvals of the new revision.
    """
    already = set(
        TaskState.objects.filter(
            workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, revision=revision
        ).values_list("task_id", flat=True)
    )
    for task_id, state in latest_approvals(workflow_state).items():
        if task_id in already or (task_ids is not None and task_id not in task_ids):
            continue
        state.specific.copy(update_attrs={"revision": revision})


def carry_earlier_approvals(task_state: TaskState) -> None:
    """
    A stage restarted after it asked for changes (Wagtail's resume): the stages before it
    approved the earlier revision and are not asked again; the workflow resumes here.
    """
    workflow_state = task_state.workflow_state
    resumed = TaskState.objects.filter(
        workflow_state=workflow_state, task_id=task_state.task_id, status=TaskState.STATUS_REJECTED
    ).exists()
    if not resumed:
        return
    order = list(
        workflow_state.workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True)
    )
    if task_state.task_id not in order:
        return
    earlier = set(order[: order.index(task_state.task_id)])
    carry_approvals(workflow_state, task_state.revision, task_ids=earlier)


# Who publishes each channel ---------------------------------------------------------------------


def proposing_unit(obj):
    draft = draft_of(obj)
    return getattr(draft, "unit", None) or getattr(draft, "issuing_unit", None)


def chosen_channels(obj) -> list[Channel]:
    channels = getattr(draft_of(obj), "channels", None)
    if channels is None:
        return []
    return list(channels.all().select_related("publisher_role__group"))


def office_role() -> CoordinatingRole | None:
    return CoordinatingRole.objects.filter(code=RoleCode.OFFICE).select_related("group").first()


def publisher_of(channel: Channel, obj) -> tuple[CoordinatingRole | None, Group | None, object]:
    """
    (role, group, unit) that releases `obj` to `channel`: the proposing unit's head where
    the channel says so, else the channel's publisher role, else the Office.
    """
    if channel.published_by_unit_head:
        unit = proposing_unit(obj)
        if unit is not None and unit.head_group_id:
            return None, unit.head_group, unit
    role = channel.publisher_role or office_role()
    if role is None:
        return None, None, None
    return role, role.group, role.unit_on()


def undocumented_awards(obj) -> list:
    """The draft's awards that still lack a decision number or date (verification waits for them)."""
    awards = getattr(draft_of(obj), "awards", None)
    return [award for award in awards.all() if not award.is_documented] if awards is not None else []
