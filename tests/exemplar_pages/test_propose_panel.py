"""The dashboard offers a new proposal in the user's own folder, one click away."""

import pytest
from django.urls import reverse

from tests.helpers.workflow import as_user

pytestmark = pytest.mark.django_db


def test_a_unit_editor_gets_a_link_to_propose_in_the_units_folder(lam_dong_editor, lam_dong_folder):
    html = as_user(lam_dong_editor).get(reverse("wagtailadmin_home")).content.decode()
    add = reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk))
    assert "Đề xuất mới" in html
    assert f'href="{add}"' in html


def test_no_link_to_an_ended_units_folder_nor_to_another_units(editor, folder, lam_dong_folder):
    html = as_user(editor).get(reverse("wagtailadmin_home")).content.decode()  # Bình Thuận's editor
    assert reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", folder.pk)) not in html
    assert (
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk))
        not in html
    )


def test_the_new_proposal_opens_with_the_folders_unit_chosen(lam_dong_editor, lam_dong_folder, lam_dong):
    add = reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", lam_dong_folder.pk))
    response = as_user(lam_dong_editor).get(add)
    assert response.context["form"]["unit"].value() == lam_dong.pk
