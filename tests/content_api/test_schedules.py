"""The units' weekly schedules in the content API: filters, cursor, caching, problems, nothing unpublished."""

from __future__ import annotations

import datetime

import pytest

from tests.helpers.api import API
from tests.helpers.schedules import draft_schedule, publish_sample, publish_seed_004

pytestmark = pytest.mark.django_db

URL = f"{API}/schedules/"


@pytest.fixture
def seed_004(binh_thuan):
    return publish_seed_004(binh_thuan)


def test_one_units_week_is_found_by_unit_code_and_iso_week(api, seed_004):
    response = api.get(URL, {"unit": "VKS-BINHTHUAN", "week": "2024-W28"})
    assert response.status_code == 200
    [schedule] = response.json()["items"]
    assert schedule["week"] == "2024-W28" and schedule["week_start"] == "2024-07-08"
    assert schedule["unit"]["code"] == "VKS-BINHTHUAN" and schedule["sample"] is False
    monday, tuesday = schedule["days"][0], schedule["days"][1]
    assert monday["label"] == "Thứ 2, 08/7/2024"
    assert [slot["time"] for slot in monday["slots"]] == ["07h30", "08h00", "14h00", "15h00"]
    multi_day = tuesday["slots"][0]["items"][1]
    assert multi_day["duration_label"] == "2,5 ngày" and multi_day["ends_at"] == "2024-07-11T12:00:00"
    assert schedule["days"][5]["duty"] is True and schedule["days"][6]["label"] == "Chủ nhật, 14/7/2024"


def test_a_date_names_the_week_that_holds_it(api, seed_004):
    response = api.get(URL, {"unit": seed_004.unit_id, "week": "2024-07-12"})
    assert [item["id"] for item in response.json()["items"]] == [seed_004.pk]


def test_a_week_without_a_published_schedule_is_a_404_problem(api, seed_004):
    response = api.get(URL, {"unit": "VKS-BINHTHUAN", "week": "2024-W29"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"week": "2024-W54"}, "week"),
        ({"week": "tuần 28"}, "week"),
        ({"week": "2024-13-01"}, "week"),
        ({"unit": "KHONG-CO"}, "unit"),
        ({"unit": "999999"}, "unit"),
        ({"cursor": "giả"}, "cursor"),
        ({"page": "2"}, "page"),
    ],
)
def test_bad_parameters_are_400_problems_naming_the_parameter(api, seed_004, params, param):
    response = api.get(URL, params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["param"] == param


def test_nothing_unpublished_leaks(api, seed_004, lam_dong):
    draft = draft_schedule(lam_dong, datetime.date(2025, 7, 14))
    assert not draft.live
    ids = [item["id"] for item in api.get(URL).json()["items"]]
    assert ids == [seed_004.pk]
    assert api.get(URL, {"unit": lam_dong.pk, "week": "2025-W29"}).status_code == 404


def test_a_draft_edit_of_a_published_schedule_is_not_served(api, seed_004):
    draft = seed_004.get_latest_revision_as_object()
    draft.days = []
    draft.save_revision()
    [schedule] = api.get(URL, {"unit": "VKS-BINHTHUAN", "week": "2024-W28"}).json()["items"]
    assert len(schedule["days"]) == 7


def test_schedules_page_newest_week_first_with_a_cursor(api, seed_004, lam_dong):
    weeks = [datetime.date(2025, 7, 7), datetime.date(2025, 7, 14)]
    for monday in weeks:
        publish_sample(lam_dong, monday)
    first = api.get(URL, {"limit": 2, "count": "true"}).json()
    assert [item["week"] for item in first["items"]] == ["2025-W29", "2025-W28"] and first["count"] == 3
    second = api.get(first["next"]).json()
    assert [item["week"] for item in second["items"]] == ["2024-W28"] and second["next"] is None


def test_publishing_a_schedule_turns_the_etag_over(api, seed_004, lam_dong):
    first = api.get(URL)
    assert api.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert "schedules" in first["Cache-Tag"]
    publish_sample(lam_dong, datetime.date(2025, 7, 14))
    again = api.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and len(again.json()["items"]) == 2
