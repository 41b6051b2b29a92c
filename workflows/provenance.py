"""
Provenance of published content: which stage, unit, role and person approved the revision
that went live, and when. Kept so that the content API can say who verified, edited and
approved an exemplar (Wagtail keeps task states, but they are replaced on resubmission
and say nothing about the unit that held the role at the time).
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import TaskState

from .approvers import latest_approvals
from .models import Approval, EditorialSignOff, RoleApprovalTask, UnitHeadConfirmationTask


def _approvals_for(task_state: TaskState) -> list[dict]:
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    at = task_state.finished_at
    if isinstance(task, UnitHeadConfirmationTask):
        unit = getattr(page.specific, "unit", None)
        return [{"stage": task.name, "unit": unit, "role": None, "user": task_state.finished_by, "at": at}]
    if isinstance(task, RoleApprovalTask):
        role = task.role
        return [
            {
                "stage": task.name,
                "unit": role.unit_on(at.date() if at else None),
                "role": role,
                "user": task_state.finished_by,
                "at": at,
            }
        ]
    sign_offs = EditorialSignOff.objects.filter(task_state=task_state).select_related("role")
    return [
        {
            "stage": task.name,
            "unit": s.role.unit_on(s.signed_at.date()),
            "role": s.role,
            "user": s.user,
            "at": s.signed_at,
        }
        for s in sign_offs
    ]


@transaction.atomic
def record_provenance(workflow_state, revision) -> list[Approval]:
    """
    The approvals that let `revision` go live, one row per stage and signatory: each
    stage's latest approval (never an earlier round's as well), with the revision it
    approved itself, and the editorial sign-offs of the journal and the newspaper.
    """
    if Approval.objects.filter(
        page_id=workflow_state.object_id, revision=revision, channel__isnull=True
    ).exists():
        return []  # already recorded (the first channel's release did)
    counting = set(
        TaskState.objects.filter(
            workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, revision=revision
        ).values_list("task_id", flat=True)
    )
    states = sorted(
        (state for task_id, state in latest_approvals(workflow_state).items() if task_id in counting),
        key=lambda state: (state.finished_at, state.pk),
    )
    rows = []
    for state in states:
        for data in _approvals_for(state):
            rows.append(
                Approval(
                    page_id=workflow_state.object_id,
                    revision=revision,
                    approved_revision_id=state.revision_id,
                    stage=data["stage"],
                    unit=data["unit"],
                    role=data["role"],
                    user=data["user"],
                    approved_at=data["at"],
                )
            )
    return Approval.objects.bulk_create(rows)
