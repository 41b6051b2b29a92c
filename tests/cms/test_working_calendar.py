"""Public holidays are data: seeded from the holidays package, kept by the Office, counted by deadlines."""

from __future__ import annotations

import datetime

import holidays
import pytest
from django.urls import reverse

from cms.calendar import add_working_days, seed_calendar, statutory_days, working_days_between
from cms.models import CalendarDay, DayKind, DaySource
from tests.factories import UserFactory
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year
SEEDED_YEARS = range(THIS_YEAR, THIS_YEAR + 3)


def test_setup_seeded_the_days_off_of_the_holidays_package_for_this_year_and_the_next_two(site_tree):
    expected = set(holidays.VN(years=list(SEEDED_YEARS)))
    days_off = set(
        CalendarDay.objects.filter(kind=DayKind.DAY_OFF, date__year__in=SEEDED_YEARS).values_list(
            "date", flat=True
        )
    )
    assert days_off == expected
    assert CalendarDay.objects.get(date=datetime.date(2026, 9, 2)).name == "Quốc khánh"
    assert set(CalendarDay.objects.values_list("source", flat=True)) == {DaySource.HOLIDAYS}


def test_a_day_off_given_in_exchange_makes_the_exchanged_saturday_a_working_day(site_tree):
    # The package's 2026 calendar: Monday 31/8 off "in exchange for 22/08/2026", a Saturday.
    assert statutory_days([2026])[datetime.date(2026, 8, 22)][0] == DayKind.WORKING_DAY
    assert CalendarDay.objects.get(date=datetime.date(2026, 8, 22)).kind == DayKind.WORKING_DAY
    friday = datetime.date(2026, 8, 21)
    assert add_working_days(friday, 1) == datetime.date(2026, 8, 22)  # the Saturday is worked
    assert add_working_days(datetime.date(2026, 8, 28), 1) == datetime.date(2026, 9, 3)  # 31/8, 1/9, 2/9 off


def test_working_days_follow_what_the_office_adds_to_the_calendar(site_tree):
    monday = datetime.date(2026, 11, 2)
    assert working_days_between(monday, datetime.date(2026, 11, 9)) == 5
    CalendarDay.objects.create(date=datetime.date(2026, 11, 4), name="Nghỉ bù (dữ liệu mẫu)")
    CalendarDay.objects.create(date=datetime.date(2026, 11, 7), kind=DayKind.WORKING_DAY, name="Làm bù")
    assert working_days_between(monday, datetime.date(2026, 11, 9)) == 5  # one day off, one Saturday worked
    assert add_working_days(monday, 2) == datetime.date(2026, 11, 5)


def test_seeding_again_keeps_the_offices_corrections_and_deletions(site_tree):
    national_day = CalendarDay.objects.get(date=datetime.date(2026, 9, 2))
    national_day.name = "Quốc khánh nước CHXHCN Việt Nam"
    national_day.save()
    CalendarDay.objects.filter(date=datetime.date(2026, 11, 24)).delete()  # not a day off here
    assert seed_calendar(SEEDED_YEARS) == []
    assert CalendarDay.objects.get(date=datetime.date(2026, 9, 2)).name == "Quốc khánh nước CHXHCN Việt Nam"
    assert not CalendarDay.objects.filter(date=datetime.date(2026, 11, 24)).exists()
    later = seed_calendar([THIS_YEAR + 3])
    assert later and all(day.year == THIS_YEAR + 3 for day in later)


def test_the_office_keeps_the_calendar_in_the_admin_and_a_unit_editor_cannot(site_tree, binh_thuan):
    add = reverse("wagtailsnippets_cms_calendarday:add")
    office = as_user(role_user("office", "vanphong"))
    response = office.post(
        add, {"date": "01/12/2026", "kind": DayKind.DAY_OFF, "name": "Nghỉ bù (dữ liệu mẫu)"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = CalendarDay.objects.get(date=datetime.date(2026, 12, 1))
    assert added.source == DaySource.ADMIN
    assert "Lịch ngày nghỉ" in office.get(reverse("wagtailsnippets_cms_calendarday:list")).content.decode()
    editor = as_user(UserFactory(username="bt-editor", groups=[binh_thuan.editor_group]))
    assert editor.get(reverse("wagtailsnippets_cms_calendarday:list")).status_code in (302, 403)
    assert editor.post(add, {"date": "02/12/2026", "kind": DayKind.DAY_OFF, "name": "x"}).status_code in (
        302,
        403,
    )
    assert not CalendarDay.objects.filter(date=datetime.date(2026, 12, 2)).exists()


def test_a_second_entry_for_the_same_day_is_a_form_error_in_vietnamese(site_tree):
    office = as_user(role_user("office", "vanphong"))
    response = office.post(
        reverse("wagtailsnippets_cms_calendarday:add"),
        {"date": "02/09/2026", "kind": DayKind.DAY_OFF, "name": "Trùng"},
    )
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()
