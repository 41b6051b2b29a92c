"""`load_demo` on an empty database, twice; never under production settings."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.models import Unit
from exemplar_pages.models import (
    Award,
    ExemplarPage,
    MailMessage,
    MailStatus,
    NewsPage,
    PlanPage,
    UnitFolderPage,
    UnitNewsPage,
)
from tests.helpers.demo import load_demo_command
from vksnd.demo import DEMO_ACCOUNTS

# The first run on an empty site made the demo template these tests start from.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_load_demo_runs_twice_on_an_empty_database():
    users = list(get_user_model().objects.order_by("username").values_list("username", "password"))
    load_demo_command()
    assert list(get_user_model().objects.order_by("username").values_list("username", "password")) == users
    assert {u for u, _ in users} == {a.username for a in DEMO_ACCOUNTS}


def test_every_demo_account_logs_into_the_vietnamese_admin(settings):
    for account in DEMO_ACCOUNTS:
        client = Client()
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": account.username, "password": settings.DEMO_PASSWORD},
            follow=True,
        )
        assert response.wsgi_request.user.username == account.username
        assert response.status_code == 200
        assert "Trang tổng quan" in response.content.decode()


def test_the_binh_thuan_editor_is_in_the_units_editor_group():
    editor = get_user_model().objects.get(username="binhthuan.bientap")
    assert editor.groups.filter(pk=Unit.objects.get(code="VKS-BINHTHUAN").editor_group_id).exists()
    assert not editor.is_superuser


def _counts() -> dict[str, int]:
    """Row counts of everything the loader may create."""
    return {
        "pages": Page.objects.count(),
        "awards": Award.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "exemplar_tags": ExemplarPage.tags.through.objects.count(),
        "news_links": NewsPage.related_exemplars.through.objects.count(),
    }


def test_the_load_demo_command_runs_twice_on_an_empty_database(demo_site) -> None:
    counts = _counts()
    second_output = load_demo_command()
    assert _counts() == counts
    lines = (demo_site.first_output + second_output).splitlines()
    summaries = [line for line in lines if line.startswith("Demo content created")]
    assert summaries[0].startswith("Demo content created: 2 campaigns, 4 news, 3 exemplars, 1 images")
    assert summaries[1].startswith("Demo content created: 0 campaigns, 0 news, 0 exemplars, 0 images")


def test_the_walk_through_accounts_work_in_lam_dong_and_binh_thuans_stay_for_its_history():
    lam_dong = Unit.objects.get(code="VKS-LAMDONG-2025")
    users = get_user_model().objects
    assert users.get(username="lamdong.bientap").groups.filter(pk=lam_dong.editor_group_id).exists()
    assert users.get(username="lamdong.lanhdao").groups.filter(pk=lam_dong.head_group_id).exists()
    folder = UnitFolderPage.objects.get(unit=lam_dong, locale__language_code="vi")
    binh_thuan_folder = UnitFolderPage.objects.get(unit__code="VKS-BINHTHUAN", locale__language_code="vi")
    assert folder.permissions_for_user(users.get(username="lamdong.bientap")).can_add_subpage()
    assert not binh_thuan_folder.permissions_for_user(
        users.get(username="binhthuan.bientap")
    ).can_add_subpage()
    # The four exemplars waiting at each approval are Lâm Đồng's today.
    assert ExemplarPage.objects.filter(unit=lam_dong, slug__startswith="mau-cho-").count() == 4


def test_the_demo_has_a_unit_news_item_and_plan_293_and_two_mailed_proposals():
    plan = PlanPage.objects.get(number="293/KH-VKS")
    assert plan.unit.code == "VKS-BINHTHUAN" and plan.date.isoformat() == "2023-04-10"
    assert UnitNewsPage.objects.filter(unit__code="VKS-BINHTHUAN").count() == 1
    created = MailMessage.objects.get(status=MailStatus.CREATED)
    assert created.unit.code == "VKS-LAMDONG-2025" and created.page is not None
    quarantined = MailMessage.objects.get(status=MailStatus.QUARANTINED)
    assert "không thuộc đơn vị nào" in quarantined.reason
