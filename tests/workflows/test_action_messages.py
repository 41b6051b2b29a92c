"""Every workflow action ends with a message: what was done, and where the page stands now."""

import pytest
from django.contrib.messages import get_messages

from tests.helpers.workflow import act, confirm_and_verify, submit_new_exemplar

pytestmark = pytest.mark.django_db


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_confirmation_says_it_was_done_and_names_the_next_stage(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    response = act(people["head"], page, "approve")
    assert response.status_code == 302
    assert "Đã thực hiện “Xác nhận” cho trang" in said(response)
    assert "Trang đã chuyển sang bước “Thẩm định thành tích”." in said(response)


def test_a_request_for_changes_says_the_page_went_back_to_the_proposer(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    response = act(people["head"], page, "reject", comment="Bổ sung số quyết định.")
    assert "Đã thực hiện “Yêu cầu chỉnh sửa”" in said(response)
    assert "trả lại người đề xuất để chỉnh sửa" in said(response)


def test_releasing_one_channel_of_two_says_the_stage_waits_for_the_other(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    confirm_and_verify(people, page, "portal", "journal")
    act(people["journal"], page, "approve")  # the journal's editorial sign-off
    response = act(people["office"], page, "approve", channels=["portal"])
    assert "Đã thực hiện “Đăng tải lên kênh”" in said(response)
    assert "còn chờ người duyệt khác" in said(response)


def test_an_action_that_is_refused_says_nothing_of_success(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    response = act(people["office"], page, "approve")  # not the unit head
    assert response.status_code in (302, 403)
    assert "Đã thực hiện" not in said(response)
    assert "Xác nhận của thủ trưởng đơn vị" in str(page.current_workflow_task)
