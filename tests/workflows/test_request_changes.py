"""Every stage can send the page back to its proposer; publication can also be scheduled."""

import datetime

import pytest
from django.utils import timezone

from exemplar_pages.models import ExemplarPage
from tests.helpers.workflow import act, channels, current_task_name, submit_new_exemplar

pytestmark = pytest.mark.django_db

# (stage that requests changes, who, the approvals before it)
BRANCHES = [
    ("Xác nhận của thủ trưởng đơn vị", "head", []),
    ("Thẩm định thành tích", "emulation", ["head"]),
    ("Biên tập (Báo, Tạp chí)", "journal", ["head", "emulation"]),
    ("Phê duyệt đăng tải (Văn phòng)", "office", ["head", "emulation", "newspaper", "journal"]),
]


def approve_up_to(page, people, steps):
    for step in steps:
        data = (
            {"recognition_level": "typical", "channels": channels("newspaper", "journal")}
            if step == "emulation"
            else {}
        )
        act(people[step], page, "approve", **data)


@pytest.mark.parametrize(("stage", "reviewer", "before"), BRANCHES, ids=[b[1] for b in BRANCHES])
def test_each_stage_can_request_changes_with_a_comment_for_the_proposer(
    workflows,
    people,
    lam_dong_folder,
    bang_khen,
    mailoutbox,
    django_capture_on_commit_callbacks,
    stage,
    reviewer,
    before,
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    approve_up_to(page, people, before)
    assert current_task_name(page) == stage
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(people[reviewer], page, "reject", comment=f"Đề nghị bổ sung ({stage}).")
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == f"Đề nghị bổ sung ({stage})."
    assert not page.live
    to_proposer = [m for m in mailoutbox if m.to == [people["editor"].email]]
    assert len(to_proposer) == 1 and "Yêu cầu chỉnh sửa" in to_proposer[0].subject


def test_an_approved_page_with_a_go_live_date_is_scheduled_not_published(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    go_live = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    draft = ExemplarPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.go_live_at = go_live
    revision = draft.save_revision(user=people["editor"])
    state = ExemplarPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    type(state).objects.filter(pk=state.pk).update(revision=revision)
    approve_up_to(page, people, ["head", "emulation", "newspaper", "journal", "office"])
    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None
    assert page.scheduled_revision.approved_go_live_at == go_live
