"""The exemplar listing filters by unit, award year, campaign and recognition level."""

import datetime

import pytest
from django.urls import reverse

from exemplar_pages.models import Award, ExemplarPage
from tests.helpers.workflow import role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(folder, other_unit, bang_khen):
    def make(title, unit_folder, year, level=""):
        page = unit_folder.add_child(
            instance=ExemplarPage(
                title=title,
                unit=unit_folder.unit,
                achievement_period=str(year),
                achievements=[],
                recognition_level=level,
            )
        )
        Award.objects.create(
            exemplar=page,
            award_form=bang_khen,
            decision_number="1136/QĐ-UBND",
            decision_date=datetime.date(year, 6, 3),
        )
        return page

    return {
        "bt2024": make("Tập thể Bình Thuận 2024 (dữ liệu mẫu)", folder, 2024, "typical"),
        "bt2023": make("Tập thể Bình Thuận 2023 (dữ liệu mẫu)", folder, 2023),
        "hn2024": make("Tập thể Hà Nội 2024 (dữ liệu mẫu)", other_unit.folder, 2024, "outstanding"),
    }


def listed(client, **params) -> set[str]:
    html = client.get(reverse("exemplars:index"), params).content.decode()
    return {title for title in ("Bình Thuận 2024", "Bình Thuận 2023", "Hà Nội 2024") if title in html}


def test_the_office_filters_exemplars_by_award_year_unit_and_level(client, listing):
    client.force_login(role_user("office", "office"))
    assert listed(client) == {"Bình Thuận 2024", "Bình Thuận 2023", "Hà Nội 2024"}
    assert listed(client, award_year=2024) == {"Bình Thuận 2024", "Hà Nội 2024"}
    assert listed(client, unit=listing["bt2023"].unit_id) == {"Bình Thuận 2024", "Bình Thuận 2023"}
    assert listed(client, recognition_level="outstanding") == {"Hà Nội 2024"}


def test_the_listing_shows_unit_and_level_columns_in_vietnamese(client, listing):
    client.force_login(role_user("office", "office"))
    html = client.get(reverse("exemplars:index")).content.decode()
    assert "Đặc biệt xuất sắc" in html
    assert "VKSND tỉnh Bình Thuận" in html
