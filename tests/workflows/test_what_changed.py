"""The reviewer of a stage that resumed after asking for changes is shown what changed since."""

import pytest
from django.urls import reverse

from tests.helpers.workflow import act, as_user, channels, submit_new_exemplar
from tests.workflows.test_request_changes import resubmit_with_edits

pytestmark = pytest.mark.django_db


def dialog(user, page, action) -> str:
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return as_user(user).get(url).json()["html"]


def test_the_resumed_stages_dialog_links_to_the_comparison_with_the_revision_it_saw_last(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    act(people["emulation"], page, "approve", recognition_level="typical", channels=channels("journal"))
    page.refresh_from_db()
    seen = page.current_workflow_state.current_task_state.revision_id
    act(people["journal"], page, "reject", comment="Đề nghị bổ sung số liệu.")
    resubmit_with_edits(people, page, bang_khen)

    for action in ("approve", "reject"):  # the stage's own dialog and Wagtail's
        html = dialog(people["journal"], page, action)
        compare = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, seen, "latest"))
        assert f'href="{compare}"' in html
        assert "Xem những gì đã thay đổi kể từ khi bước này yêu cầu chỉnh sửa" in html
        assert "Đề nghị bổ sung số liệu." in html
    comparison = as_user(people["journal"]).get(compare)
    assert comparison.status_code == 200
    assert "Đã bổ sung số liệu theo yêu cầu." in comparison.content.decode()


def test_a_stage_met_for_the_first_time_has_no_such_link(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    for action in ("approve", "reject"):
        assert "data-what-changed" not in dialog(people["head"], page, action)
