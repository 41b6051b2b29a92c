"""
The emulation role files exemplars on a unit's behalf: the page records who filed it and the
unit's head is told; its right to add pages under the exemplar index stops at the unit folders.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from exemplar_pages.models import ExemplarIndexPage, ExemplarPage, UnitFolderPage
from tests.factories import UserFactory
from tests.helpers.forms import exemplar_form
from tests.helpers.workflow import as_user, role_user

pytestmark = [pytest.mark.django_db]


def add_url(model: str, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("exemplar_pages", model, parent.pk))


def test_an_exemplar_filed_by_the_emulation_role_records_the_filer_and_tells_the_head(
    lam_dong, lam_dong_folder, mailoutbox
):
    head = UserFactory(username="ld-head-ex", email="lanhdao@vkslamdong.gov.vn", groups=[lam_dong.head_group])
    emulation = role_user("emulation_rewards", "thidua-ex")
    response = as_user(emulation).post(add_url("exemplarpage", lam_dong_folder), exemplar_form(lam_dong))
    assert response.status_code == 302, response.content.decode()[:3000]
    exemplar = ExemplarPage.objects.get()
    assert exemplar.unit == lam_dong and exemplar.filed_by == emulation
    assert exemplar.get_latest_revision_as_object().filed_by == emulation
    [notice] = mailoutbox
    assert notice.to == [head.email] and "thay cho VKSND tỉnh Lâm Đồng" in notice.body


def test_an_exemplar_written_by_the_units_own_editor_records_no_filer(
    lam_dong, lam_dong_folder, lam_dong_editor, mailoutbox
):
    response = as_user(lam_dong_editor).post(
        add_url("exemplarpage", lam_dong_folder), exemplar_form(lam_dong)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ExemplarPage.objects.get().filed_by is None
    assert mailoutbox == []


def test_a_later_edit_by_someone_else_does_not_change_who_filed_it(
    lam_dong, lam_dong_folder, lam_dong_editor
):
    response = as_user(lam_dong_editor).post(
        add_url("exemplarpage", lam_dong_folder), exemplar_form(lam_dong)
    )
    assert response.status_code == 302
    exemplar = ExemplarPage.objects.get()
    emulation = role_user("emulation_rewards", "thidua-edit")
    edit = reverse("wagtailadmin_pages:edit", args=(exemplar.pk,))
    as_user(emulation).post(edit, exemplar_form(lam_dong, title="Đã sửa"))
    assert ExemplarPage.objects.get().get_latest_revision_as_object().filed_by is None


def test_the_emulation_role_may_add_in_unit_folders_but_not_add_unit_folders(lam_dong_folder, site_tree):
    emulation = role_user("emulation_rewards", "thidua-folders")
    index = ExemplarIndexPage.objects.get(locale__language_code="vi")
    client = as_user(emulation)
    assert client.get(add_url("exemplarpage", lam_dong_folder)).status_code == 200
    assert lam_dong_folder.permissions_for_user(emulation).can_add_subpage()
    assert not index.permissions_for_user(emulation).can_add_subpage()
    before = UnitFolderPage.objects.count()
    for response in (
        client.get(reverse("wagtailadmin_pages:add_subpage", args=(index.pk,))),
        client.get(add_url("unitfolderpage", index)),
        client.post(add_url("unitfolderpage", index), {"title": "Thư mục lạ", "slug": "thu-muc-la"}),
    ):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    assert UnitFolderPage.objects.count() == before


def test_those_who_manage_units_still_add_unit_folders(site_tree):
    index = ExemplarIndexPage.objects.get(locale__language_code="vi")
    office = role_user("office", "office-folders")
    admin = UserFactory(username="root-folders", is_superuser=True)
    assert index.permissions_for_user(office).can_add_subpage()
    assert index.permissions_for_user(admin).can_add_subpage()
