"""Emulation & rewards drafts a consultation; it reaches the public only once the Office approves it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import TaskState

from engagement.models import Consultation, Nominee
from engagement.setup import CONSULTATION_WORKFLOW
from tests.helpers.api import API, channels
from tests.helpers.workflow import role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(bang_khen):
    consultation = Consultation(
        title="Lấy ý kiến đề nghị tặng Chiến sĩ thi đua toàn quốc",
        legal_basis="750 / VKSTC-VP",
        award=bang_khen,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(days=9),
        live=False,
    )
    consultation.full_clean(exclude=["channels"])
    consultation.save()
    consultation.channels.set(channels("portal", "public"))
    consultation.save()
    Nominee.objects.create(consultation=consultation, name="Nguyễn Văn An", summary="Xuất sắc 5 năm liền.")
    return consultation


def test_the_legal_basis_is_a_document_number(bang_khen, draft):
    assert draft.legal_basis == "750/VKSTC-VP"
    draft.legal_basis = "không phải số"
    with pytest.raises(ValidationError) as refused:
        draft.full_clean(exclude=["channels"])
    assert "legal_basis" in refused.value.message_dict


def test_the_window_must_end_after_it_starts(draft):
    draft.ends_at = draft.starts_at
    with pytest.raises(ValidationError) as refused:
        draft.full_clean(exclude=["channels"])
    assert "ends_at" in refused.value.message_dict


def test_the_office_approval_publishes_the_consultation(client, draft, full_site):
    thidua = role_user("emulation_rewards", "thidua-kd")
    office = role_user("office", "vanphong-kd")
    workflow = draft.get_workflow()
    assert workflow is not None and workflow.name == CONSULTATION_WORKFLOW
    draft.save_revision(user=thidua)
    workflow.start(draft, thidua)
    assert client.get(f"/lay-y-kien/{draft.pk}/").status_code == 404
    state = TaskState.objects.get(
        workflow_state__object_id=str(draft.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    state.task.specific.on_action(state, office, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert client.get(f"/lay-y-kien/{draft.pk}/").status_code == 200
    assert client.get(f"{API}/consultations/{draft.pk}/").status_code == 200
