"""An exemplar walks the coordination workflow through the admin's own views."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers.workflow import (
    act,
    as_user,
    channels,
    confirm_and_verify,
    current_task_name,
    submit_new_exemplar,
)
from workflows.models import Approval, EditorialSignOff

pytestmark = pytest.mark.django_db


def test_an_exemplar_goes_from_proposal_through_four_approvals_to_publication(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    assert current_task_name(page) == "Xác nhận của thủ trưởng đơn vị"

    act(people["head"], page, "approve")
    assert current_task_name(page) == "Thẩm định thành tích"

    act(
        people["emulation"],
        page,
        "approve",
        recognition_level="outstanding",
        channels=channels("portal", "public", "newspaper", "journal"),
        comment="Đã đối chiếu quyết định 1136/QĐ-UBND.",
    )
    assert current_task_name(page) == "Biên tập (Báo, Tạp chí)"

    act(people["newspaper"], page, "approve")
    assert current_task_name(page) == "Biên tập (Báo, Tạp chí)"
    assert EditorialSignOff.objects.count() == 1
    act(people["journal"], page, "approve")
    assert current_task_name(page) == "Phê duyệt đăng tải theo kênh"

    act(people["office"], page, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.recognition_level == "outstanding"
    assert set(page.channels.values_list("code", flat=True)) == {"portal", "public", "newspaper", "journal"}


def test_the_editorial_stage_completes_itself_when_no_editorial_channel_was_chosen(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    confirm_and_verify(people, page, "portal", "public", level="typical")
    assert current_task_name(page) == "Phê duyệt đăng tải theo kênh"


def test_only_the_head_of_the_proposing_unit_can_confirm(
    workflows, people, lam_dong_folder, bang_khen, other_unit
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    stranger = UserFactory(username="hn-head", groups=[other_unit.head_group])
    act(stranger, page, "approve")
    act(people["editor"], page, "approve")
    act(people["emulation"], page, "approve")
    assert current_task_name(page) == "Xác nhận của thủ trưởng đơn vị"


def test_verification_is_refused_while_an_award_lacks_its_decision_number(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen, number="", date="")
    confirm_and_verify(people, page, "portal", level="typical")
    assert current_task_name(page) == "Thẩm định thành tích"


def test_an_editorial_role_cannot_sign_off_twice(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    confirm_and_verify(people, page, "newspaper", "journal", level="typical")
    act(people["newspaper"], page, "approve")
    act(people["newspaper"], page, "approve")
    assert EditorialSignOff.objects.count() == 1
    assert current_task_name(page) == "Biên tập (Báo, Tạp chí)"


def test_request_changes_returns_the_page_to_the_proposer_and_resubmission_resumes_there(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    act(people["emulation"], page, "reject", comment="Thiếu bản chụp quyết định.")
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    assert page.current_workflow_state.current_task_state.comment == "Thiếu bản chụp quyết định."


def test_the_published_revision_keeps_who_confirmed_verified_edited_and_approved(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    confirm_and_verify(people, page, "newspaper", "portal", level="typical")
    act(people["newspaper"], page, "approve")
    act(people["office"], page, "approve")
    page.refresh_from_db()
    rows = list(Approval.objects.filter(page=page).values_list("stage", "unit__code", "user__username"))
    assert rows == [
        ("Xác nhận của thủ trưởng đơn vị", "VKS-LAMDONG-2025", "ld-head"),
        ("Thẩm định thành tích", "VP-TDKT", "thidua"),
        ("Biên tập (Báo, Tạp chí)", "BBVPL", "baobvpl"),
        ("Phê duyệt đăng tải theo kênh", "VP", "vanphong"),
    ]
    assert {a.revision_id for a in Approval.objects.filter(page=page)} == {page.live_revision_id}


def test_the_editorial_dialog_shows_who_has_and_has_not_signed_off(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    confirm_and_verify(people, page, "newspaper", "journal", level="typical")
    act(people["newspaper"], page, "approve")
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    html = as_user(people["journal"]).get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    assert "Báo Bảo vệ pháp luật</strong>:" in html and "đã đồng ý" in html
    assert "Tạp chí Kiểm sát</strong>:" in html and "chưa có ý kiến" in html


def test_verifying_from_the_page_editor_returns_the_dialog_data_as_json(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:collect_workflow_action_data", args=(page.pk, "approve", task_state.pk))
    response = as_user(people["emulation"]).post(
        url,
        {"recognition_level": "typical", "channels": ["portal", "journal"], "comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["cleaned_data"]["channels"] == ["portal", "journal"]
