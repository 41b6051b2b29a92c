"""The units' weekly schedules on the public site: the unit page, the week, the archive, the embed, the .ics."""

from __future__ import annotations

import datetime

import icalendar
import pytest
import time_machine
from django.utils import timezone

from exemplar_pages.schedules import monday_of
from tests.helpers import purge_backend
from tests.helpers.schedules import draft_schedule, publish_sample, publish_seed_004

pytestmark = pytest.mark.django_db

BINH_THUAN_ICS = "/lich-cong-tac/vks-binhthuan/lich.ics"


@pytest.fixture
def seed_004(binh_thuan):
    return publish_seed_004(binh_thuan)


def test_the_week_page_reads_like_the_printed_schedule(client, seed_004):
    response = client.get(seed_004.url)
    html = response.content.decode()
    assert response.status_code == 200
    for printed in (
        "Thứ 2, 08/7/2024",
        "Chủ nhật, 14/7/2024",
        "07h30",
        "15h30",
        "Đ/c Viện trưởng họp HĐND tỉnh (2,5 ngày)",
        "(thành phần: Toàn thể đảng viên cơ quan)",
        "Phân công trực nghiệp vụ",
        "Lưu trữ lịch công tác theo tuần",
    ):
        assert printed in html, printed
    assert "Dữ liệu mẫu" not in html  # seed 004 is the unit's real schedule


def test_the_archive_lists_the_weeks_by_year(client, seed_004):
    html = client.get("/lich-cong-tac/vks-binhthuan/").content.decode()
    assert "Năm 2024" in html and seed_004.title in html and seed_004.url in html
    assert client.get("/lich-cong-tac/VKS-BINHTHUAN/").status_code == 301
    assert client.get("/lich-cong-tac/khong-co/").status_code == 404


def test_the_unit_page_shows_this_week_and_next_week_once_published(client, lam_dong):
    monday = monday_of(timezone.localdate())
    this_week = publish_sample(lam_dong, monday)
    url = "/guong-dien-hinh/vks-lamdong-2025/"
    html = client.get(url).content.decode()
    assert "Lịch công tác tuần này" in html and this_week.title in html
    assert "Dữ liệu mẫu: lịch này minh hoạ" in html
    assert "Lịch công tác tuần sau" not in html
    draft_schedule(lam_dong, monday + datetime.timedelta(days=7))
    assert "Lịch công tác tuần sau" not in client.get(url).content.decode()
    publish_sample(lam_dong, monday + datetime.timedelta(days=14)).unpublish()
    next_week = type(this_week).objects.get(unit=lam_dong, week_start=monday + datetime.timedelta(days=7))
    next_week.save_revision().publish()
    assert "Lịch công tác tuần sau" in client.get(url).content.decode()


def test_a_change_after_publication_shows_as_updated_with_the_time(client, seed_004):
    assert "Đã cập nhật" not in client.get(seed_004.url).content.decode()
    later = timezone.now() + datetime.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        seed_004.save_revision().publish()
    html = client.get(seed_004.url).content.decode()
    local = timezone.localtime(later)
    assert "Đã cập nhật" in html and f"{local:%H}h{local:%M}, {local:%d/%m/%Y}" in html


def test_the_embed_shows_this_weeks_schedule_and_may_be_framed(client, lam_dong):
    publish_sample(lam_dong, monday_of(timezone.localdate()))
    response = client.get("/nhung/lich-cong-tac/vks-lamdong-2025/")
    html = response.content.decode()
    assert response.status_code == 200 and "X-Frame-Options" not in response
    assert "Lịch công tác tuần này" in html and "Chào cờ đầu tuần" in html and 'target="_top"' in html


def test_the_unit_page_offers_the_schedule_embed_without_duplicate_ids(client, lam_dong):
    publish_sample(lam_dong, monday_of(timezone.localdate()))
    html = client.get("/guong-dien-hinh/vks-lamdong-2025/").content.decode()
    assert 'data-vksnd-embed="lich-cong-tac/vks-lamdong-2025"' in html
    assert html.count('id="ma-nhung-iframe"') == 1 and html.count('id="ma-nhung-iframe-lich"') == 1


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_the_ics_feed_is_valid_icalendar_in_ho_chi_minh_time(client, seed_004):
    calendar = parse(client.get(BINH_THUAN_ICS, {"week": "2024-W28"}))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Ho_Chi_Minh"
    events = calendar.walk("VEVENT")
    assert len(events) == 17  # every item of seed 004, one event each
    assert all(event["UID"] and event["DTSTAMP"] for event in events)
    assert len({str(event["UID"]) for event in events}) == len(events)
    first = min(events, key=lambda event: event.decoded("DTSTART"))
    start = first.decoded("DTSTART")
    assert start == datetime.datetime(2024, 7, 8, 7, 30, tzinfo=start.tzinfo)
    assert start.utcoffset() == datetime.timedelta(hours=7)
    assert first["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"


def test_multi_day_items_are_multi_day_events(client, seed_004):
    events = parse(client.get(BINH_THUAN_ICS, {"week": "2024-W28"})).walk("VEVENT")
    council = next(event for event in events if "HĐND" in str(event["SUMMARY"]))
    assert council.decoded("DTSTART").replace(tzinfo=None) == datetime.datetime(2024, 7, 9, 8, 0)
    assert council.decoded("DTEND").replace(tzinfo=None) == datetime.datetime(2024, 7, 11, 12, 0)
    games = next(event for event in events if str(event["SUMMARY"]).startswith("Hội thao"))
    assert games.decoded("DTEND").replace(tzinfo=None) == datetime.datetime(2024, 7, 12, 17, 0)
    assert "2,5 ngày" in str(games["SUMMARY"])
    at_committee = next(event for event in events if "Chỉ thị số 35-CT/TW" in str(event["SUMMARY"]))
    assert str(at_committee["LOCATION"]) == "tại Tỉnh ủy"


def test_a_week_without_a_published_schedule_is_an_empty_calendar(client, seed_004, lam_dong):
    calendar = parse(client.get(BINH_THUAN_ICS, {"week": "2024-W29"}))
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTIMEZONE")
    draft_schedule(lam_dong, datetime.date(2025, 7, 14))
    drafts = parse(client.get("/lich-cong-tac/vks-lamdong-2025/lich.ics", {"week": "2025-W29"}))
    assert drafts.walk("VEVENT") == []


def test_a_bad_week_is_a_400_and_an_unknown_unit_a_404(client, seed_004):
    response = client.get(BINH_THUAN_ICS, {"week": "tuần-28"})
    assert response.status_code == 400 and "2024-W28" in response.content.decode()
    assert client.get("/lich-cong-tac/khong-co/lich.ics").status_code == 404


def test_the_subscribed_feed_carries_recent_weeks(client, lam_dong):
    monday = monday_of(timezone.localdate())
    publish_sample(lam_dong, monday)
    calendar = parse(client.get("/lich-cong-tac/vks-lamdong-2025/lich.ics"))
    assert len(calendar.walk("VEVENT")) == 6
    assert str(calendar["X-WR-CALNAME"]) == "Lịch công tác – VKSND tỉnh Lâm Đồng"


def test_publishing_a_schedule_purges_where_the_site_shows_it(
    binh_thuan, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.helpers.purge_backend.RecordingBackend"}}
    purge_backend.PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_seed_004(binh_thuan)
    base = "http://testserver"
    for path in (
        page.url,
        "/guong-dien-hinh/vks-binhthuan/",
        "/lich-cong-tac/vks-binhthuan/",
        "/lich-cong-tac/vks-binhthuan/lich.ics",
        "/nhung/lich-cong-tac/vks-binhthuan/",
    ):
        assert base + path in purge_backend.PURGED, path
    assert f"{base}/api/content/v1/schedules/" in purge_backend.PURGED


def test_a_cached_unit_page_turns_over_when_a_schedule_is_published(client, lam_dong):
    url = "/guong-dien-hinh/vks-lamdong-2025/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    publish_sample(lam_dong, monday_of(timezone.localdate()))
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss" and "Chào cờ đầu tuần" in fresh.content.decode()
