"""Wagtail's admin pages API honours moderation locks and keeps aliases in their language."""

from __future__ import annotations

import json

from wagtail.models import Locale, Page

from exemplar_pages.models import ExemplarPage
from tests.helpers.workflow import act, as_user, channels, current_task_name, submit_new_exemplar

API = "/admin/api/main/pages"


def post_action(user, page, action, **data):
    return as_user(user).post(
        f"{API}/{page.pk}/action/{action}/", json.dumps(data), content_type="application/json"
    )


def at_editorial_stage(people, lam_dong_folder, bang_khen) -> ExemplarPage:
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    act(people["head"], page, "approve")
    act(
        people["emulation"],
        page,
        "approve",
        recognition_level="typical",
        channels=channels("portal", "journal"),
    )
    assert current_task_name(page) == "Biên tập (Báo, Tạp chí)"
    return ExemplarPage.objects.get(pk=page.pk)


def test_the_proposer_cannot_revert_a_page_in_moderation_through_the_admin_api(
    workflows, people, lam_dong_folder, bang_khen
):
    page = at_editorial_stage(people, lam_dong_folder, bang_khen)
    first = page.revisions.order_by("pk").first()
    revisions = page.revisions.count()
    response = post_action(people["editor"], page, "revert_to_page_revision", revision_id=first.pk)
    assert response.status_code == 423
    assert "khóa" in response.json()["message"]
    page.refresh_from_db()
    assert page.revisions.count() == revisions
    assert current_task_name(page) == "Biên tập (Báo, Tạp chí)"
    assert set(page.get_latest_revision_as_object().channels.values_list("code", flat=True)) == {
        "portal",
        "journal",
    }


def test_no_write_action_of_the_admin_api_passes_the_lock(workflows, people, lam_dong_folder, bang_khen):
    page = at_editorial_stage(people, lam_dong_folder, bang_khen)
    for action, data in [
        ("publish", {}),
        ("unpublish", {}),
        ("delete", {}),
        ("move", {"destination_page_id": lam_dong_folder.pk}),
        ("convert_alias", {}),
    ]:
        response = post_action(people["editor"], page, action, **data)
        assert response.status_code == 423, action
    assert Page.objects.filter(pk=page.pk, live=False).exists()


def test_the_reviewer_of_the_current_stage_is_not_locked_out(workflows, people, lam_dong_folder, bang_khen):
    page = at_editorial_stage(people, lam_dong_folder, bang_khen)
    first = page.revisions.order_by("pk").first()
    response = post_action(people["journal"], page, "revert_to_page_revision", revision_id=first.pk)
    assert response.status_code != 423


def test_an_alias_in_another_language_is_refused(english_tree, people, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    en_parent = page.get_parent().get_parent().get_translation(Locale.objects.get(language_code="en"))
    before = Page.objects.count()
    response = post_action(people["office"], page, "create_alias", destination_page_id=en_parent.pk)
    assert response.status_code == 400
    response = post_action(people["office"], page, "copy_for_translation", locale="en", alias=True)
    assert response.status_code == 400
    assert Page.objects.count() == before


def test_the_copy_form_refuses_an_alias_into_the_english_tree(english_tree, people, make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    en_parent = page.get_parent().get_parent().get_translation(Locale.objects.get(language_code="en"))
    before = Page.objects.count()
    response = as_user(people["office"]).post(
        f"/admin/pages/{page.pk}/copy/",
        {"new_title": page.title, "new_slug": "ban-sao", "new_parent_page": en_parent.pk, "alias": "on"},
    )
    assert response.status_code == 302
    assert Page.objects.count() == before
