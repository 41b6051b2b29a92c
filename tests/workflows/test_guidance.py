"""The proposer sees why a page came back, and the verifier why approval must wait, where they work."""

import re

import pytest
from django.urls import reverse

from cms.models import Channel
from tests.helpers.workflow import act, as_user, submit_new_exemplar

pytestmark = pytest.mark.django_db


def test_a_request_for_changes_shows_its_comment_and_author_on_the_dashboard_and_atop_the_editor(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    people["emulation"].first_name = "Trần Thị Thẩm"
    people["emulation"].save()
    act(people["emulation"], page, "reject", comment="Thiếu bản chụp quyết định 1136/QĐ-UBND.")
    proposer = as_user(people["editor"])

    dashboard = proposer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Yêu cầu chỉnh sửa gửi bạn" in dashboard
    assert "Thiếu bản chụp quyết định 1136/QĐ-UBND." in dashboard
    assert "Trần Thị Thẩm" in dashboard and "Thẩm định thành tích" in dashboard

    lam_dong_editor = proposer.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Bước “Thẩm định thành tích” yêu cầu chỉnh sửa (Trần Thị Thẩm," in lam_dong_editor
    assert "Thiếu bản chụp quyết định 1136/QĐ-UBND." in lam_dong_editor


def test_a_dashboard_without_requests_for_changes_has_no_empty_panel(
    workflows, people, lam_dong_folder, bang_khen
):
    submit_new_exemplar(people, lam_dong_folder, bang_khen)
    assert (
        "Yêu cầu chỉnh sửa gửi bạn"
        not in as_user(people["editor"]).get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_verifier_is_told_which_award_lacks_its_decision(workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen, number="", date="")
    act(people["head"], page, "approve")
    html = (
        as_user(people["emulation"]).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    )
    assert "Chưa thể thẩm định đạt: khen thưởng sau chưa có số hoặc ngày quyết định:" in html
    assert str(bang_khen) in html


def test_the_verification_dialog_starts_from_the_proposers_channels(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    draft = page.get_latest_revision_as_object()
    draft.channels.set(Channel.objects.filter(code__in=["portal", "journal"]))
    revision = draft.save_revision(user=people["editor"])
    page.refresh_from_db()  # as if proposed so: the stage under way reviews this revision
    state = page.current_workflow_state.current_task_state
    type(state).objects.filter(pk=state.pk).update(revision=revision)
    act(people["head"], page, "approve")
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    html = (
        as_user(people["emulation"]).get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    )
    checked = set(re.findall(r'name="channels" value="([^"]+)"[^>]*checked', html))
    assert checked == {"portal", "journal"}
