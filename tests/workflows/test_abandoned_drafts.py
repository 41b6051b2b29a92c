"""Abandoned drafts: listed to the people who may edit the page, discarded back to the last real revision."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from exemplar_pages.models import ExemplarPage
from tests.factories import UserFactory
from tests.helpers.api import publish
from tests.helpers.workflow import act, submit_new_exemplar

pytestmark = pytest.mark.django_db

REPORT = reverse("abandoned_drafts")


def exemplar_in(folder, title, owner=None, *, live=True):
    page = ExemplarPage(
        title=title,
        unit=folder.unit,
        owner=owner,
        achievement_period="2021 - 2024",
        achievements=[("achievement", "Hoàn thành xuất sắc nhiệm vụ")],
        lead="Một tấm gương tiêu biểu.",
    )
    folder.add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision(user=owner)
    ExemplarPage.objects.filter(pk=page.pk).update(live=False, live_revision=None)
    return ExemplarPage.objects.get(pk=page.pk)


def draft(page, user, days_ago: int) -> Revision:
    """An edit saved as a draft (what autosave writes), last touched `days_ago` days ago."""
    latest = page.get_latest_revision_as_object()
    latest.title = f"{page.title} (đang sửa dở)"
    revision = latest.save_revision(user=user)
    then = timezone.now() - datetime.timedelta(days=days_ago)
    Revision.objects.filter(pk=revision.pk).update(created_at=then)
    Page.objects.filter(pk=page.pk).update(latest_revision_created_at=then)
    return revision


@pytest.fixture
def pages(lam_dong_folder, folder, lam_dong_editor):
    ours = exemplar_in(lam_dong_folder, "Gương Lâm Đồng", lam_dong_editor)
    theirs = exemplar_in(folder, "Gương Bình Thuận")
    draft(ours, lam_dong_editor, days_ago=30)
    draft(theirs, None, days_ago=30)
    return ours, theirs


def listed(client) -> str:
    response = client.get(REPORT)
    assert response.status_code == 200
    return response.content.decode()


def test_a_unit_editor_sees_only_its_units_abandoned_drafts(client, pages, lam_dong_editor):
    client.force_login(lam_dong_editor)
    html = listed(client)
    assert "Gương Lâm Đồng (đang sửa dở)" in html
    assert "Gương Bình Thuận" not in html
    assert "Bản đang xuất bản" in html


def test_a_superuser_sees_every_units_drafts(client, pages):
    client.force_login(UserFactory(username="root-drafts", is_superuser=True))
    html = listed(client)
    assert "Gương Lâm Đồng (đang sửa dở)" in html and "Gương Bình Thuận (đang sửa dở)" in html


def test_a_draft_touched_recently_is_not_abandoned(client, settings, lam_dong_folder, lam_dong_editor):
    settings.ABANDONED_DRAFT_DAYS = 14
    page = exemplar_in(lam_dong_folder, "Gương mới sửa", lam_dong_editor)
    draft(page, lam_dong_editor, days_ago=3)
    client.force_login(lam_dong_editor)
    assert "Gương mới sửa" not in listed(client)
    settings.ABANDONED_DRAFT_DAYS = 2
    assert "Gương mới sửa (đang sửa dở)" in listed(client)


def test_discarding_goes_back_to_the_live_revision_and_is_logged(client, pages, lam_dong_editor):
    ours, _theirs = pages
    live_revision = ours.live_revision
    abandoned = ours.get_latest_revision()
    client.force_login(lam_dong_editor)
    url = reverse("abandoned_draft_discard", args=[ours.pk])
    assert "Bỏ bản nháp" in client.get(url).content.decode()

    response = client.post(url, follow=True)
    assert (
        "Đã bỏ bản nháp của “Gương Lâm Đồng (đang sửa dở)”; trang quay về: bản đang xuất bản."
        in response.content.decode()
    )
    page = ExemplarPage.objects.get(pk=ours.pk)
    assert page.latest_revision_id == live_revision.pk
    assert not page.has_unpublished_changes
    assert page.draft_title == "Gương Lâm Đồng"
    assert not Revision.objects.filter(pk=abandoned.pk).exists()
    entry = PageLogEntry.objects.get(page=page, action="vksnd.discard_draft")
    assert entry.user == lam_dong_editor
    assert entry.data["discarded_revisions"] == [abandoned.pk]
    assert entry.data["restored_revision"] == live_revision.pk
    assert "Gương Lâm Đồng" not in listed(client)


def test_a_unit_editor_cannot_discard_another_units_draft(client, pages, lam_dong_editor):
    _ours, theirs = pages
    abandoned = theirs.get_latest_revision()
    client.force_login(lam_dong_editor)
    response = client.post(reverse("abandoned_draft_discard", args=[theirs.pk]))
    assert response.status_code == 404
    assert ExemplarPage.objects.get(pk=theirs.pk).latest_revision_id == abandoned.pk
    assert not PageLogEntry.objects.filter(action="vksnd.discard_draft").exists()


def test_a_page_never_published_nor_submitted_has_nothing_to_go_back_to(
    client, lam_dong_folder, lam_dong_editor
):
    page = exemplar_in(lam_dong_folder, "Gương chưa gửi", lam_dong_editor, live=False)
    draft(page, lam_dong_editor, days_ago=30)
    latest = ExemplarPage.objects.get(pk=page.pk).latest_revision_id
    client.force_login(lam_dong_editor)
    assert "Gương chưa gửi (đang sửa dở)" in listed(client)
    response = client.post(reverse("abandoned_draft_discard", args=[page.pk]), follow=True)
    assert "không có bản nào để quay về" in response.content.decode()
    assert ExemplarPage.objects.get(pk=page.pk).latest_revision_id == latest


def test_a_proposal_sent_back_goes_back_to_the_revision_it_submitted(
    client, workflows, people, lam_dong_folder, bang_khen
):
    # Never live: Wagtail keeps the draft in the page row too, so the row goes back as well.
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    submitted = page.get_latest_revision()
    act(people["head"], page, "reject", comment="Đề nghị bổ sung.")
    draft(ExemplarPage.objects.get(pk=page.pk), people["editor"], days_ago=30)
    ExemplarPage.objects.filter(pk=page.pk).update(title="Bản nháp trong hàng")
    client.force_login(people["editor"])
    assert "(đang sửa dở)" in listed(client)
    assert "Bản đã gửi duyệt lúc" in listed(client)

    client.post(reverse("abandoned_draft_discard", args=[page.pk]))
    page = ExemplarPage.objects.get(pk=page.pk)
    assert page.latest_revision_id == submitted.pk
    assert page.title == page.draft_title == submitted.as_object().title
    assert page.has_unpublished_changes and not page.live
    assert list(page.revisions.values_list("pk", flat=True)) == [submitted.pk]


def test_a_page_in_moderation_is_not_listed(client, workflows, people, lam_dong_folder, bang_khen):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    draft(page, people["editor"], days_ago=30)
    client.force_login(people["editor"])
    assert "(đang sửa dở)" not in listed(client)
    assert client.post(reverse("abandoned_draft_discard", args=[page.pk])).status_code == 404
