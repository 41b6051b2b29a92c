"""Campaigns go emulation & rewards then the Office; news go to their editorial role then the Office."""

import pytest
from django.urls import reverse

from cms.models import Channel, Unit
from exemplar_pages.models import CampaignPage, NewsPage
from tests.helpers.forms import campaign_form, news_form
from tests.helpers.workflow import act, as_user, current_task_name

pytestmark = pytest.mark.django_db


def add(user, model, parent, data):
    data["action-submit"] = "1"
    response = as_user(user).post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", model, parent.pk)), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_campaign_is_checked_by_emulation_and_rewards_then_published_by_the_office(
    workflows, people, site_tree
):
    add(
        people["emulation"],
        "campaignpage",
        site_tree.campaigns,
        campaign_form(Unit.objects.get(code="VKSTC")),
    )
    page = CampaignPage.objects.get()
    assert current_task_name(page) == "Thẩm định phong trào (Thi đua - Khen thưởng)"
    act(people["office"], page, "approve")
    assert current_task_name(page) == "Thẩm định phong trào (Thi đua - Khen thưởng)"
    act(people["emulation"], page, "approve")
    assert current_task_name(page) == "Phê duyệt đăng tải theo kênh"
    act(people["office"], page, "approve")
    page.refresh_from_db()
    assert page.live


def test_a_news_item_for_the_journal_is_edited_then_published_by_the_journal_not_the_office(
    workflows, people, site_tree, binh_thuan
):
    data = news_form(binh_thuan)
    data["channels"] = [Channel.objects.get(code="journal").pk]
    add(people["journal"], "newspage", site_tree.news, data)
    page = NewsPage.objects.get()
    assert current_task_name(page) == "Biên tập (Báo, Tạp chí)"
    act(people["newspaper"], page, "approve")
    assert current_task_name(page) == "Biên tập (Báo, Tạp chí)"
    act(people["journal"], page, "approve")
    assert current_task_name(page) == "Phê duyệt đăng tải theo kênh"
    act(people["office"], page, "approve")
    page.refresh_from_db()
    assert not page.live  # the journal's channel is the journal's to release
    act(people["journal"], page, "approve")
    page.refresh_from_db()
    assert page.live
