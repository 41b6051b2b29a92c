"""
Units' news and plans in the content API: each its own collection, with the API's channels,
filters (a unit includes its sub-units), keyset pages and caching; nothing unpublished leaks.
"""

from __future__ import annotations

import datetime

import pytest

from exemplar_pages.models import PlanPage, UnitNewsPage
from tests.helpers.api import API, publish

pytestmark = pytest.mark.django_db


def ids(api, collection, **params) -> list[int]:
    response = api.get(f"{API}/{collection}/", params)
    assert response.status_code == 200, response.content.decode()[:500]
    return [item["id"] for item in response.json()["items"]]


def test_a_published_unit_news_item_is_listed_and_read_with_its_campaigns(api, make_unit_news, make_campaign):
    campaign = make_campaign("Phong trào thi đua năm 2025")
    news = make_unit_news("Lâm Đồng phát động thi đua", related_campaigns=[campaign])
    assert ids(api, "unit-news") == [news.pk]
    detail = api.get(f"{API}/unit-news/{news.pk}/").json()
    assert detail["type"] == "unit_news"
    assert detail["unit"]["code"] == "VKS-LAMDONG-2025"
    assert detail["date"] == "2025-09-01"
    assert [ref["id"] for ref in detail["related_campaigns"]] == [campaign.pk]
    assert detail["body"][0]["type"] == "paragraph"
    assert detail["api_url"] == f"{API}/unit-news/{news.pk}/"


def test_a_published_plan_is_listed_with_its_number_document_and_campaign(api, make_plan, make_campaign):
    campaign = make_campaign("Phong trào thi đua năm 2025")
    plan = make_plan("Kế hoạch thực hiện phong trào", number="293/KH-VKS", campaign=campaign)
    listed = api.get(f"{API}/unit-plans/").json()["items"]
    assert [(item["id"], item["number"]) for item in listed] == [(plan.pk, "293/KH-VKS")]
    detail = api.get(f"{API}/unit-plans/{plan.pk}/").json()
    assert detail["type"] == "plan" and detail["document"] is None
    assert [ref["id"] for ref in detail["related_campaigns"]] == [campaign.pk]
    assert ids(api, "unit-plans", campaign=campaign.pk) == [plan.pk]
    assert ids(api, "unit-plans", year=2025) == [plan.pk]
    assert ids(api, "unit-plans", year=2024) == []


def test_the_unit_filter_includes_sub_units_and_excludes_other_units(api, make_unit_news, make_plan):
    news, plan = make_unit_news(), make_plan()
    assert ids(api, "unit-news", unit="VKSTC") == [news.pk]  # Lâm Đồng is under the Supreme Procuracy
    assert ids(api, "unit-plans", unit="VKS-LAMDONG-2025") == [plan.pk]
    assert ids(api, "unit-news", unit="VKS-HANOI") == []
    assert api.get(f"{API}/unit-plans/", {"unit": "NO-SUCH-UNIT"}).status_code == 400


def test_drafts_unpublished_items_and_other_channels_never_leak(api, make_unit_news, make_plan):
    shown = make_unit_news("Tin đã đăng")
    draft = make_unit_news("Tin còn nháp", live=False)
    plan_draft = make_plan("Kế hoạch còn nháp", live=False)
    internal = make_unit_news("Tin cho kênh nội bộ", channel_codes=("portal",))
    assert ids(api, "unit-news") == [shown.pk]
    assert ids(api, "unit-plans") == []
    for collection, page in (("unit-news", draft), ("unit-plans", plan_draft), ("unit-news", internal)):
        assert api.get(f"{API}/{collection}/{page.pk}/").status_code == 404
    # A draft of a live item stays a draft: the API serves the published words.
    live = UnitNewsPage.objects.get(pk=shown.pk)
    live.title = "Tiêu đề nháp chưa duyệt"
    live.save_revision()
    assert "Tiêu đề nháp" not in api.get(f"{API}/unit-news/").content.decode()
    assert "Tiêu đề nháp" not in api.get(f"{API}/unit-news/{shown.pk}/").content.decode()
    # Unpublished: gone from the list and the detail at once (the cache does not keep it).
    UnitNewsPage.objects.get(pk=shown.pk).unpublish()
    assert ids(api, "unit-news") == []
    assert api.get(f"{API}/unit-news/{shown.pk}/").status_code == 404


def test_who_filed_on_the_units_behalf_is_never_served(api, make_plan, emulation_user):
    plan = make_plan()
    PlanPage.objects.filter(pk=plan.pk).update(filed_by=emulation_user)
    publish(PlanPage.objects.get(pk=plan.pk))
    body = api.get(f"{API}/unit-plans/{plan.pk}/").content.decode()
    assert "filed_by" not in body and emulation_user.username not in body


def test_unit_news_pages_by_cursor_without_repeating_or_skipping(api, make_unit_news):
    made = [make_unit_news(date=datetime.date(2025, 8, day)) for day in range(1, 6)]
    first = api.get(f"{API}/unit-news/", {"limit": 2, "order": "-date"}).json()
    seen = [item["id"] for item in first["items"]]
    following = first["next"]
    while following:
        page = api.get(following).json()
        seen += [item["id"] for item in page["items"]]
        following = page["next"]
    assert seen == [page.pk for page in reversed(made)]


def test_a_new_publication_shows_in_a_list_that_was_cached(api, make_unit_news):
    first = make_unit_news()
    assert ids(api, "unit-news") == [first.pk]
    second = make_unit_news()
    assert set(ids(api, "unit-news")) == {first.pk, second.pk}
