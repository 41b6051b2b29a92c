"""Every exemplar filter narrows the list to what it names, and refuses what names nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.models import Unit
from exemplar_pages.models import AwardForm
from tests.factories import UnitFactory
from tests.helpers.api import API, bearer


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def problem_param(response) -> str:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()["errors"][0]["param"]


def test_unit_filter_takes_an_id_or_a_code_and_includes_sub_units(api, make_exemplar, binh_thuan, other_unit):
    section = UnitFactory(code="VKS-BINHTHUAN-P1", name="Phòng 1", short_name="Phòng 1", parent=binh_thuan)
    own = make_exemplar("Tập thể Bình Thuận")
    of_section = make_exemplar("Phòng 1 Bình Thuận", unit=section)
    assert set(ids(api.get(f"{API}/exemplars/", {"unit": binh_thuan.code}))) == {own.pk, of_section.pk}
    assert set(ids(api.get(f"{API}/exemplars/", {"unit": str(binh_thuan.pk)}))) == {own.pk, of_section.pk}
    assert ids(api.get(f"{API}/exemplars/", {"unit": section.code})) == [of_section.pk]
    assert ids(api.get(f"{API}/exemplars/", {"unit": other_unit.code})) == []


def test_an_unknown_unit_is_a_bad_request_naming_the_parameter(api, make_exemplar):
    make_exemplar()
    assert problem_param(api.get(f"{API}/exemplars/", {"unit": "VKS-KHONGCO"})) == "unit"
    assert problem_param(api.get(f"{API}/exemplars/", {"unit": "999999"})) == "unit"


def test_campaign_filter_lists_the_exemplars_of_that_campaign(api, make_exemplar, make_campaign):
    campaign = make_campaign()
    inside = make_exemplar("Trong phong trào")
    inside.campaigns.set([campaign])
    inside.save_revision().publish()
    make_exemplar("Ngoài phong trào")
    assert ids(api.get(f"{API}/exemplars/", {"campaign": campaign.pk})) == [inside.pk]
    assert problem_param(api.get(f"{API}/exemplars/", {"campaign": 987654})) == "campaign"


def test_award_year_form_and_category_filter_on_the_awards_received(api, make_exemplar, bang_khen):
    old = make_exemplar("Khen năm 2021", award_year=2021)
    new = make_exemplar("Khen năm 2024", award_year=2024)
    assert ids(api.get(f"{API}/exemplars/", {"award_year": 2021})) == [old.pk]
    assert set(ids(api.get(f"{API}/exemplars/", {"award_form": bang_khen.pk}))) == {old.pk, new.pk}
    other_form = AwardForm.source_entries().exclude(pk=bang_khen.pk).first()
    assert ids(api.get(f"{API}/exemplars/", {"award_form": other_form.pk})) == []
    assert len(ids(api.get(f"{API}/exemplars/", {"award_category": bang_khen.category}))) == 2
    assert problem_param(api.get(f"{API}/exemplars/", {"award_form": 999999})) == "award_form"
    assert problem_param(api.get(f"{API}/exemplars/", {"award_year": 1700})) == "award_year"
    assert problem_param(api.get(f"{API}/exemplars/", {"award_category": "huy-hieu"})) == "award_category"


def test_level_and_kind_filters(api, make_exemplar):
    outstanding = make_exemplar("Đặc biệt xuất sắc", recognition_level="outstanding", kind="collective")
    typical = make_exemplar("Điển hình", recognition_level="typical", kind="individual")
    assert ids(api.get(f"{API}/exemplars/", {"level": "outstanding"})) == [outstanding.pk]
    assert ids(api.get(f"{API}/exemplars/", {"kind": "individual"})) == [typical.pk]
    assert problem_param(api.get(f"{API}/exemplars/", {"level": "gold"})) == "level"
    assert problem_param(api.get(f"{API}/exemplars/", {"kind": "team"})) == "kind"


def test_channel_filter_keeps_the_items_of_one_of_the_callers_channels(api, make_exemplar, make_partner):
    both = make_exemplar("Cả hai kênh", channel_codes=("portal", "newspaper"))
    make_exemplar("Chỉ Cổng", channel_codes=("portal",))
    _partner, _token, plaintext = make_partner(channel_codes=("portal", "newspaper"))
    assert ids(api.get(f"{API}/exemplars/", {"channel": "newspaper"}, **bearer(plaintext))) == [both.pk]
    assert (
        problem_param(api.get(f"{API}/exemplars/", {"channel": "journal"}, **bearer(plaintext))) == "channel"
    )
    assert problem_param(api.get(f"{API}/exemplars/", {"channel": "khong-co"})) == "channel"


def test_tag_filter_takes_a_slug_or_a_name(api, make_exemplar):
    tagged = make_exemplar("Có từ khóa")
    tagged.tags.add("Cải cách tư pháp")
    tagged.save_revision().publish()
    make_exemplar("Không từ khóa")
    slug = tagged.tags.first().slug
    assert ids(api.get(f"{API}/exemplars/", {"tag": slug})) == [tagged.pk]
    assert ids(api.get(f"{API}/exemplars/", {"tag": "Cải cách tư pháp"})) == [tagged.pk]
    assert problem_param(api.get(f"{API}/exemplars/", {"tag": "khong-ton-tai"})) == "tag"


def test_locale_defaults_to_vietnamese_and_refuses_unknown_languages(api, make_exemplar):
    page = make_exemplar()
    assert ids(api.get(f"{API}/exemplars/")) == [page.pk]
    assert ids(api.get(f"{API}/exemplars/", {"locale": "en"})) == []
    assert problem_param(api.get(f"{API}/exemplars/", {"locale": "fr"})) == "locale"


def test_slug_and_locale_find_an_item_by_its_address(api, make_exemplar):
    wanted = make_exemplar("Nguyễn Văn Đức")
    make_exemplar("Trần Thị Bình")
    assert ids(api.get(f"{API}/exemplars/", {"slug": "nguyen-van-duc", "locale": "vi"})) == [wanted.pk]


def test_updated_since_takes_iso_8601_and_refuses_anything_else(api, make_exemplar):
    page = make_exemplar()
    earlier = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert ids(api.get(f"{API}/exemplars/", {"updated_since": earlier})) == [page.pk]
    assert ids(api.get(f"{API}/exemplars/", {"updated_since": later})) == []
    assert problem_param(api.get(f"{API}/exemplars/", {"updated_since": "hôm qua"})) == "updated_since"


def test_search_ignores_diacritics(api, make_exemplar):
    found = make_exemplar("Nguyễn Thị Thu Hà", lead="Kiểm sát viên xuất sắc trong thi đua")
    make_exemplar("Lê Văn Nam", lead="Điều tra viên")
    assert ids(api.get(f"{API}/exemplars/", {"search": "thi dua"})) == [found.pk]
    assert ids(api.get(f"{API}/exemplars/", {"search": "Nguyễn Thị"})) == [found.pk]
    assert ids(api.get(f"{API}/exemplars/", {"search": "nguyen thi thu ha"})) == [found.pk]


@pytest.mark.parametrize(
    "order", ["title", "-title", "published_at", "-published_at", "updated_at", "-updated_at"]
)
def test_every_order_sorts_the_whole_list(api, make_exemplar, order):
    pages = [make_exemplar(title) for title in ("Bình", "An", "Cường")]
    listed = ids(api.get(f"{API}/exemplars/", {"order": order}))
    key = {"title": lambda p: p.title}.get(order.lstrip("-"), lambda p: p.pk)
    expected = [p.pk for p in sorted(pages, key=key, reverse=order.startswith("-"))]
    assert listed == expected


def test_unknown_orders_and_unknown_parameters_are_refused(api, make_exemplar):
    make_exemplar()
    assert problem_param(api.get(f"{API}/exemplars/", {"order": "random"})) == "order"
    assert problem_param(api.get(f"{API}/exemplars/", {"chanel": "public"})) == "chanel"


def test_a_unit_that_ended_is_still_a_valid_filter(api, make_exemplar, binh_thuan):
    Unit.objects.filter(pk=binh_thuan.pk).update(valid_until=datetime.date(2025, 6, 30))
    page = make_exemplar()
    assert ids(api.get(f"{API}/exemplars/", {"unit": binh_thuan.code})) == [page.pk]


def test_relevance_orders_search_results_and_needs_a_search(api, make_exemplar):
    make_exemplar()
    assert problem_param(api.get(f"{API}/exemplars/", {"order": "relevance"})) == "order"


def test_by_relevance_a_title_match_comes_before_a_passing_mention(postgres, api, make_exemplar):
    titled = make_exemplar("Chiến sĩ chống tham nhũng", lead="Kiểm sát viên")
    mentioned = make_exemplar("Lê Văn Nam", lead="Có tham gia chống tham nhũng")
    make_exemplar("Không liên quan")
    by_relevance = ids(api.get(f"{API}/exemplars/", {"search": "tham nhung", "order": "relevance"}))
    assert by_relevance == [titled.pk, mentioned.pk]
    newest_first = ids(api.get(f"{API}/exemplars/", {"search": "tham nhung"}))
    assert newest_first == [mentioned.pk, titled.pk]
    first = api.get(f"{API}/exemplars/", {"search": "tham nhung", "order": "relevance", "limit": 1}).json()
    assert [item["id"] for item in first["items"]] == [titled.pk]
    assert [item["id"] for item in api.get(first["next"]).json()["items"]] == [mentioned.pk]
