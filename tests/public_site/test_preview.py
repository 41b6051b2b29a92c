"""Reviewers preview the real public page of the revision under review, at every stage of its workflow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exemplar_pages.models import (
    CampaignIndexPage,
    ExemplarIndexPage,
    HomePage,
    NewsIndexPage,
    UnitFolderPage,
)
from tests.helpers.workflow import act, as_user, current_task_name, submit_new_exemplar

pytestmark = pytest.mark.django_db

# Who acts at each stage of the workflows (workflows/setup.py), and what they approve with.
REVIEWERS = {
    "Xác nhận của thủ trưởng đơn vị": [("head", {})],
    "Thẩm định thành tích": [
        (
            "emulation",
            {"recognition_level": "typical", "channels": ["public", "portal", "newspaper", "journal"]},
        )
    ],
    "Biên tập (Báo, Tạp chí)": [("newspaper", {}), ("journal", {})],
    # Each channel's own publisher: the Office (Portal, public), the newspaper, the journal.
    "Phê duyệt đăng tải theo kênh": [("office", {}), ("newspaper", {}), ("journal", {})],
    "Thẩm định phong trào (Thi đua - Khen thưởng)": [("emulation", {})],
}


def preview_for_reviewer(user, page) -> str:
    page.refresh_from_db()
    task = page.current_workflow_state.current_task_state.task
    response = as_user(user).get(reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task.pk)))
    assert response.status_code == 200, (task.name, response.status_code)
    return response.content.decode()


def test_each_reviewer_previews_the_public_page_of_the_revision_at_every_stage(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    stages = []
    while page.current_workflow_state is not None:
        stage = current_task_name(page)
        assert stage in REVIEWERS, f"no reviewer known for the stage {stage!r}"
        stages.append(stage)
        for who, decision in REVIEWERS[stage]:
            html = preview_for_reviewer(people[who], page)
            assert '<html lang="vi"' in html and "Chuyển đến nội dung chính" in html  # the site's template
            assert page.title in html and "Trích ngang thành tích" in html
            assert "Bản xem trước: nội dung đang chờ duyệt" in html
            assert '<meta name="robots" content="noindex">' in html
            act(people[who], page, "approve", **decision)
        page.refresh_from_db()
    assert len(stages) >= 4 and page.live  # every stage, the editorial one included


@pytest.mark.parametrize("kind", ["campaign", "news"])
def test_an_edit_of_a_campaign_or_news_item_previews_in_the_public_template_at_each_stage(
    kind, workflows, people, make_campaign, make_news, client
):
    both_papers = ("public", "newspaper", "journal")
    page = (
        make_campaign("Phong trào đã đăng")
        if kind == "campaign"
        else make_news("Tin đã đăng", channel_codes=both_papers)
    )
    page.title = "Bản sửa đang chờ duyệt"
    page.save_revision(user=people["editor"])
    workflows[kind].start(page, people["editor"])
    page.refresh_from_db()
    stages = 0
    while page.current_workflow_state is not None:
        stage = current_task_name(page)
        assert stage in REVIEWERS, f"no reviewer known for the stage {stage!r}"
        for who, _decision in REVIEWERS[stage]:
            page.refresh_from_db()
            if page.current_workflow_state is None:
                break  # every channel of the item released before the other publishers' turn
            html = preview_for_reviewer(people[who], page)
            assert "Bản sửa đang chờ duyệt" in html and "Bản xem trước" in html and html.count("<h1") == 1
            page.refresh_from_db()
            if page.live_revision_id != page.latest_revision_id:  # until a channel releases it,
                # visitors still see the published revision.
                assert "Bản sửa đang chờ duyệt" not in client.get(page.url).content.decode()
            act(people[who], page, "approve")
        stages += 1
        page.refresh_from_db()
    assert stages == 2 and "Bản sửa đang chờ duyệt" in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    "model", [HomePage, ExemplarIndexPage, CampaignIndexPage, NewsIndexPage, UnitFolderPage]
)
def test_the_draft_of_a_page_of_the_site_structure_renders_in_its_public_template(
    model, site_tree, admin_client
):
    page = model.objects.filter(locale__language_code="vi").first()
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chuyển đến nội dung chính" in html and "Bản xem trước" in html
