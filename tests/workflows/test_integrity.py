"""Nobody approves for a group they are not in, twice, or around the workflow."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from exemplar_pages.models import ExemplarPage
from tests.factories import UserFactory
from tests.helpers.forms import award_row, exemplar_form
from tests.helpers.workflow import (
    act,
    as_user,
    channels,
    confirm_and_verify,
    current_task_name,
    submit_new_exemplar,
)

pytestmark = pytest.mark.django_db


def test_only_the_office_role_can_publish_a_page(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    for name in ("editor", "head", "emulation", "journal", "newspaper"):
        assert not page.permissions_for_user(people[name]).can_publish(), name
    assert page.permissions_for_user(people["office"]).can_publish()


def test_a_unit_editor_cannot_publish_by_posting_the_publish_action(
    workflows, people, lam_dong_folder, bang_khen
):
    data = exemplar_form(lam_dong_folder.unit, awards=[award_row(bang_khen)])
    data["action-publish"] = "1"
    as_user(people["editor"]).post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk)), data
    )
    page = ExemplarPage.objects.get()
    assert not page.live


def test_a_page_in_moderation_is_locked_to_everyone_but_the_current_reviewers(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    page.refresh_from_db()
    assert page.permissions_for_user(people["editor"]).page_locked()
    assert page.permissions_for_user(people["emulation"]).page_locked()
    assert not page.permissions_for_user(people["head"]).page_locked()


def test_approving_a_finished_task_again_changes_nothing(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    page.refresh_from_db()
    first_state = page.current_workflow_state.current_task_state
    act(people["head"], page, "approve")
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", first_state.pk))
    as_user(people["head"]).post(url)
    assert TaskState.objects.filter(workflow_state=first_state.workflow_state, status="approved").count() == 1
    assert current_task_name(page) == "Thẩm định thành tích"


def test_resubmission_after_request_for_changes_resumes_at_that_stage(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    act(people["emulation"], page, "reject", comment="Bổ sung số liệu.")
    page.refresh_from_db()
    award = page.get_latest_revision_as_object().awards.first()
    data = exemplar_form(
        lam_dong_folder.unit, awards=[{**award_row(bang_khen), "id": award.pk}], lead="Đã bổ sung số liệu."
    )
    data["awards-INITIAL_FORMS"] = "1"
    data["action-submit"] = "1"
    response = as_user(people["editor"]).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert current_task_name(page) == "Thẩm định thành tích"


@pytest.mark.django_db(transaction=True)
def test_two_editorial_sign_offs_at_once_on_postgresql_complete_the_task_exactly_once(
    postgres, workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    confirm_and_verify(people, page, "newspaper", "journal", level="typical")
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    barrier = threading.Barrier(2)
    errors = []

    def approve(user):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            client.post(url)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(people[n],)) for n in ("journal", "newspaper")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert current_task_name(page) == "Phê duyệt đăng tải theo kênh"
    office_states = TaskState.objects.filter(
        workflow_state=task_state.workflow_state, task__name="Phê duyệt đăng tải theo kênh"
    )
    assert office_states.count() == 1


def test_a_page_edited_after_an_approval_needs_that_approval_again(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    draft = ExemplarPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.lead = "Nội dung đã được sửa sau khi lãnh đạo xác nhận."
    draft.save_revision(user=people["emulation"])
    act(people["emulation"], page, "approve", recognition_level="typical", channels=channels("portal"))
    assert current_task_name(page) == "Xác nhận của thủ trưởng đơn vị"


def test_the_workflow_history_shows_each_step_who_and_the_comments(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve", comment="Đơn vị xác nhận đề xuất.")
    act(people["emulation"], page, "reject", comment="Bổ sung bản chụp quyết định.")
    page.refresh_from_db()
    state = page.current_workflow_state
    url = reverse("wagtailadmin_pages:workflow_history_detail", args=(page.pk, state.pk))
    html = as_user(people["office"]).get(url).content.decode()
    for text in (
        "Xác nhận của thủ trưởng đơn vị",
        "Thẩm định thành tích",
        "Đơn vị xác nhận đề xuất.",
        "Bổ sung bản chụp quyết định.",
    ):
        assert text in html


def test_each_reviewer_is_offered_only_the_stages_they_may_act_on(
    workflows, people, lam_dong_folder, bang_khen, other_unit
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    page.refresh_from_db()
    head_task = page.current_workflow_state.current_task_state.task.specific
    other_head = UserFactory(username="hn-head2", groups=[other_unit.head_group])
    assert head_task.get_task_states_user_can_moderate(people["head"]).count() == 1
    assert head_task.get_task_states_user_can_moderate(other_head).count() == 0
    act(people["head"], page, "approve")
    page.refresh_from_db()
    verify_task = page.current_workflow_state.current_task_state.task.specific
    assert verify_task.get_task_states_user_can_moderate(people["emulation"]).count() == 1
    assert verify_task.get_task_states_user_can_moderate(people["journal"]).count() == 0
