"""The Office's approval of consultations, a Wagtail workflow on the snippet (created by setup_site)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from cms.models import CoordinatingRole, RoleCode
from workflows import names
from workflows.models import RoleApprovalTask

from .models import Consultation

CONSULTATION_WORKFLOW = "Lấy ý kiến nhân dân: Văn phòng phê duyệt"


@transaction.atomic
def ensure_consultation_workflow() -> Workflow:
    """Consultations are published once the Office approves them, like any publication."""
    office = RoleApprovalTask.objects.filter(
        name=names.OFFICE_APPROVAL
    ).first() or RoleApprovalTask.objects.create(
        name=names.OFFICE_APPROVAL, role=CoordinatingRole.objects.get(code=RoleCode.OFFICE)
    )
    workflow, created = Workflow.objects.get_or_create(name=CONSULTATION_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=office, sort_order=0)
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Consultation), defaults={"workflow": workflow}
    )
    return workflow
