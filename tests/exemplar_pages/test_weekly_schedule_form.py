"""The weekly schedule's form: it reads like the printed schedule and refuses what cannot be."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from exemplar_pages.models import WeeklySchedulePage
from exemplar_pages.schedules import format_day, format_days, item_span, parse_iso_week
from tests.helpers.forms import schedule_day, schedule_form, schedule_item
from tests.helpers.workflow import as_user

pytestmark = [pytest.mark.django_db]


def add_url(folder) -> str:
    return reverse("wagtailadmin_pages:add", args=("exemplar_pages", "weeklyschedulepage", folder.pk))


def a_week(date="14/07/2025", time="07h30", item=None, **day) -> dict:
    item = item if item is not None else schedule_item("Chào cờ đầu tuần.")
    return schedule_form("14/07/2025", [schedule_day(date, slots=[(time, [item])], **day)])


def _messages(error) -> list[str]:
    nested = getattr(error, "block_errors", None)
    if nested:
        values = nested.values() if isinstance(nested, dict) else nested
        return [text for child in values if child is not None for text in _messages(child)]
    return list(getattr(error, "messages", [str(error)]))


def errors_of(response) -> str:
    """Every message of the form, the stream's nested ones included, as the editor reads them."""
    form = response.context["form"]
    texts = [text for errors in form.errors.as_data().values() for e in errors for text in _messages(e)]
    return "\n".join(texts)


def test_a_units_editor_drafts_the_weeks_schedule_titled_by_the_week(lam_dong_folder, lam_dong_editor):
    data = schedule_form(
        "16/07/2025",  # any day of the week: the schedule starts on its Monday
        [
            schedule_day(
                "15/07/2025",
                slots=[
                    (
                        "8h",
                        [
                            schedule_item("Đ/c Viện trưởng họp HĐND tỉnh.", duration_days="2.5"),
                            schedule_item("Họp Đảng ủy.", who="Lãnh đạo Viện", location="tại Tỉnh ủy"),
                        ],
                    )
                ],
            ),
            schedule_day("19/07/2025", duty=True, roster=[("Đ/c Thanh - PVT", "Lãnh đạo trực")]),
        ],
    )
    response = as_user(lam_dong_editor).post(add_url(lam_dong_folder), data)
    assert response.status_code == 302, errors_of(response)[:3000]
    page = WeeklySchedulePage.objects.get()
    assert page.unit_id == lam_dong_folder.unit_id and not page.live
    assert page.week_start == datetime.date(2025, 7, 14)
    assert page.title == "Lịch công tác tuần 29/2025 (14/07 – 20/07/2025)"
    assert page.slug == "lich-cong-tac-2025-w29"
    [tuesday, saturday] = page.days
    assert tuesday.value["slots"][0]["time"] == "08h00"  # stored as printed
    assert saturday.value["duty"] and saturday.value["duty_roster"][0]["who"] == "Đ/c Thanh - PVT"


def test_a_new_schedule_starts_as_an_empty_printed_week(lam_dong_folder, lam_dong_editor):
    response = as_user(lam_dong_editor).get(add_url(lam_dong_folder))
    assert response.status_code == 200
    form = response.context["form"]
    days = form.initial["days"]
    assert len(days) == 7 and days[5].value["duty"]
    assert form.initial["week_start"].weekday() == 0


def test_a_new_schedule_starts_as_a_copy_of_last_weeks(lam_dong_folder, lam_dong_editor):
    client = as_user(lam_dong_editor)
    assert client.post(add_url(lam_dong_folder), a_week()).status_code == 302
    form = client.get(add_url(lam_dong_folder)).context["form"]
    assert form.initial["week_start"] == datetime.date(2025, 7, 21)
    [day] = form.initial["days"]
    assert day.value["date"] == datetime.date(2025, 7, 21)
    assert day.value["slots"][0]["items"][0]["content"] == "Chào cờ đầu tuần."


@pytest.mark.parametrize("time", ["24h00", "07h75", "sáng", "-1h"])
def test_a_time_outside_the_day_is_refused_in_vietnamese(lam_dong_folder, lam_dong_editor, time):
    response = as_user(lam_dong_editor).post(add_url(lam_dong_folder), a_week(time=time))
    assert response.status_code == 200 and not WeeklySchedulePage.objects.exists()
    assert "không hợp lệ: ghi trong khoảng 00h00–23h59" in errors_of(response)


def test_a_day_outside_the_week_is_refused(lam_dong_folder, lam_dong_editor):
    response = as_user(lam_dong_editor).post(add_url(lam_dong_folder), a_week(date="21/07/2025"))
    assert response.status_code == 200 and not WeeklySchedulePage.objects.exists()
    assert "Ngày 21/07/2025 không thuộc tuần từ 14/07/2025 đến 20/07/2025." in errors_of(response)


def test_an_empty_item_is_refused(lam_dong_folder, lam_dong_editor):
    response = as_user(lam_dong_editor).post(add_url(lam_dong_folder), a_week(item=schedule_item("  ")))
    assert response.status_code == 200 and not WeeklySchedulePage.objects.exists()
    assert "Công việc không được để trống nội dung." in errors_of(response)


def test_overlapping_times_are_allowed(lam_dong_folder, lam_dong_editor):
    data = schedule_form(
        "14/07/2025",
        [
            schedule_day(
                "14/07/2025",
                slots=[
                    ("14h00", [schedule_item("Đ/c Thanh - PVT nghe Phòng 1 báo cáo án.")]),
                    ("14h00", [schedule_item("Đ/c Liên - PVT nghe Phòng 9 báo cáo án.")]),
                ],
            )
        ],
    )
    assert as_user(lam_dong_editor).post(add_url(lam_dong_folder), data).status_code == 302


def test_one_schedule_per_unit_and_week(lam_dong_folder, lam_dong_editor):
    client = as_user(lam_dong_editor)
    assert client.post(add_url(lam_dong_folder), a_week()).status_code == 302
    response = client.post(add_url(lam_dong_folder), a_week())
    assert response.status_code == 200 and WeeklySchedulePage.objects.count() == 1
    assert "Đơn vị đã có lịch công tác của tuần" in errors_of(response)


def test_vietnamese_formats_and_multi_day_spans():
    assert format_day(datetime.date(2024, 7, 8)) == "Thứ 2, 08/7/2024"
    assert format_day(datetime.date(2024, 7, 14)) == "Chủ nhật, 14/7/2024"
    assert format_days(2.5) == "2,5 ngày"
    tuesday, wednesday = datetime.date(2024, 7, 9), datetime.date(2024, 7, 10)
    assert item_span(tuesday, datetime.time(8), 2.5) == datetime.datetime(2024, 7, 11, 12)
    assert item_span(wednesday, datetime.time(14), 2.5) == datetime.datetime(2024, 7, 12, 17)
    assert parse_iso_week("2024-W28") == datetime.date(2024, 7, 8)
    with pytest.raises(ValueError):
        parse_iso_week("2024-W54")
