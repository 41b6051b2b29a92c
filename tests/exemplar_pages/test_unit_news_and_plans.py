"""Unit news and plans: created by a unit's editor in its folder, or by the emulation role on its behalf."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exemplar_pages.models import PlanPage, UnitNewsPage
from tests.factories import UserFactory
from tests.helpers.forms import plan_form, unit_news_form
from tests.helpers.workflow import as_user, current_task_name, role_user

pytestmark = [pytest.mark.django_db]


def add_url(model: str, folder) -> str:
    return reverse("wagtailadmin_pages:add", args=("exemplar_pages", model, folder.pk))


def test_a_units_editor_writes_unit_news_in_its_folder(lam_dong, lam_dong_folder, lam_dong_editor):
    client = as_user(lam_dong_editor)
    assert client.get(add_url("unitnewspage", lam_dong_folder)).status_code == 200
    response = client.post(add_url("unitnewspage", lam_dong_folder), unit_news_form(lam_dong))
    assert response.status_code == 302, response.content.decode()[:3000]
    news = UnitNewsPage.objects.get()
    assert news.unit == lam_dong and news.get_parent().pk == lam_dong_folder.pk
    assert news.filed_by is None and not news.live


def test_a_plan_number_is_validated_and_kept_as_written(lam_dong, lam_dong_folder, lam_dong_editor):
    client = as_user(lam_dong_editor)
    response = client.post(add_url("planpage", lam_dong_folder), plan_form(lam_dong, number="KH 293"))
    assert response.status_code == 200 and not PlanPage.objects.exists()
    response = client.post(add_url("planpage", lam_dong_folder), plan_form(lam_dong, number="293/KH-VKS"))
    assert response.status_code == 302
    assert PlanPage.objects.get().number == "293/KH-VKS"


def test_unit_news_cannot_name_another_units(lam_dong, lam_dong_folder, lam_dong_editor, other_unit):
    client = as_user(lam_dong_editor)
    response = client.post(add_url("unitnewspage", lam_dong_folder), unit_news_form(other_unit))
    assert response.status_code == 200 and not UnitNewsPage.objects.exists()


def test_the_emulation_role_files_a_plan_on_a_units_behalf_and_the_head_is_told(
    lam_dong, lam_dong_folder, mailoutbox
):
    head = UserFactory(
        username="ld-head-plan", email="lanhdao@vkslamdong.gov.vn", groups=[lam_dong.head_group]
    )
    emulation = role_user("emulation_rewards", "thidua-plan")
    response = as_user(emulation).post(add_url("planpage", lam_dong_folder), plan_form(lam_dong))
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = PlanPage.objects.get()
    assert plan.unit == lam_dong and plan.filed_by == emulation
    assert plan.get_latest_revision_as_object().filed_by == emulation  # kept by every revision
    [notice] = mailoutbox
    assert notice.to == [head.email]
    assert "thay cho VKSND tỉnh Lâm Đồng" in notice.body


def test_nothing_new_in_an_ended_units_folder(folder, editor):
    client = as_user(editor)
    for model in ("unitnewspage", "planpage"):
        response = client.get(add_url(model, folder))
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_unit_news_goes_to_the_units_head_first(workflows, people, lam_dong, lam_dong_folder):
    data = unit_news_form(lam_dong)
    data["action-submit"] = "1"
    response = as_user(people["editor"]).post(add_url("unitnewspage", lam_dong_folder), data)
    assert response.status_code == 302
    news = UnitNewsPage.objects.get()
    assert current_task_name(news) == "Xác nhận của thủ trưởng đơn vị"
