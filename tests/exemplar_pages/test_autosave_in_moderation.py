"""
Wagtail's autosave is on, and saving the editor of a page in moderation writes a revision only:
it can no longer put back, from a form loaded earlier, what a release changed on the page row.
"""

import json

import pytest
from django.conf import settings
from django.urls import reverse

from exemplar_pages.models import ExemplarPage
from tests.helpers.forms import award_row, exemplar_form
from tests.helpers.workflow import as_user, submit_new_exemplar

pytestmark = pytest.mark.django_db


def editor_data(page, bang_khen, **overrides):
    draft = page.get_latest_revision_as_object()
    award = draft.awards.first()
    data = exemplar_form(page.unit, awards=[{**award_row(bang_khen), "id": award.pk}], **overrides)
    data["awards-INITIAL_FORMS"] = "1"
    return data


def test_autosave_is_on():
    assert settings.WAGTAIL_AUTOSAVE_INTERVAL > 0


def test_a_form_loaded_before_a_release_does_not_take_the_page_offline(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    stale = page.get_latest_revision_as_object()  # the editor open in another session
    assert not stale.live
    ExemplarPage.objects.filter(pk=page.pk).update(live=True)  # the first channel's release

    form_class = ExemplarPage.get_edit_handler().get_form_class()
    form = form_class(
        editor_data(page, bang_khen, lead="Sửa trong lúc chờ duyệt."),
        instance=stale,
        parent_page=lam_dong_folder,
        for_user=people["head"],
    )
    assert form.is_valid(), form.errors
    form.save(commit=not stale.live)  # as Wagtail's EditView.save_action does

    page.refresh_from_db()
    assert page.live
    assert page.lead != "Sửa trong lúc chờ duyệt."


def test_an_autosave_during_moderation_keeps_a_revision_and_leaves_the_row(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    before = page.latest_revision_id
    response = as_user(people["head"]).post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        editor_data(page, bang_khen, lead="Thủ trưởng sửa câu chữ."),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content.decode()[:500]
    assert json.loads(response.content)["success"] is True

    page.refresh_from_db()
    assert page.latest_revision_id != before
    assert page.get_latest_revision_as_object().lead == "Thủ trưởng sửa câu chữ."
    assert ExemplarPage.objects.get(pk=page.pk).lead != "Thủ trưởng sửa câu chữ."
    assert not page.live
