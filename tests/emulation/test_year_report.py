"""The yearly report: a sheet per table from the shell, charts and exports in the admin, scoped per unit."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from emulation import services
from emulation.models import (
    EmulationRegistration,
    EmulationYear,
    Initiative,
    InitiativeStatus,
    NominationStatus,
)
from emulation.report import Table, YearReport, build_report, to_csv, to_xlsx
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db

SHEETS = [
    "tong-hop",
    "don-vi",
    "cap",
    "hinh-thuc",
    "kenh",
    "phong-trao",
    "dang-ky",
    "sang-kien",
    "de-nghi",
    "dieu-kien",
    "khen-thuong",
    "thoi-gian",
]


@pytest.fixture
def year_data(make_exemplar, make_nomination, binh_thuan, other_unit, head):
    """This year's exemplar, registrations (one on time, one late), an initiative, a nomination."""
    year = timezone.localdate().year
    make_exemplar("Nguyễn Văn Đức")
    EmulationYear.objects.create(year=year, registration_deadline=datetime.date(year, 1, 1))
    on_time = EmulationRegistration.objects.create(unit=binh_thuan, year=year)
    on_time.confirmed_at = timezone.make_aware(datetime.datetime(year, 1, 1, 8))
    on_time.status = "confirmed"
    on_time.save()
    EmulationRegistration.objects.create(
        unit=other_unit,
        year=year,
        status="confirmed",
        confirmed_at=timezone.make_aware(datetime.datetime(year, 1, 2, 8)),
    )
    Initiative.objects.create(
        title="Sáng kiến mẫu", unit=binh_thuan, year=year, status=InitiativeStatus.RECOGNISED
    )
    nomination = make_nomination()
    nomination.round.year = year
    nomination.round.save()
    services.submit_nomination(nomination, head)
    return year


def test_the_command_writes_a_workbook_with_a_sheet_per_table(tmp_path, year_data):
    output = tmp_path / "report.xlsx"
    call_command("emulation_report", "--year", str(year_data), "--format", "xlsx", "--output", str(output))
    workbook = load_workbook(output)
    assert workbook.sheetnames == SHEETS
    summary = {row[0]: row[1] for row in workbook["tong-hop"].iter_rows(min_row=3, values_only=True)}
    assert summary["Gương điển hình đề xuất"] == 1
    assert summary["Gương điển hình đăng tải"] == 1
    assert summary["Đăng ký thi đua đã xác nhận"] == 2
    assert summary["Đăng ký thi đua đúng hạn"] == 1
    assert summary["Sáng kiến được công nhận"] == 1
    units = list(workbook["don-vi"].iter_rows(min_row=3, values_only=True))
    assert [(row[0], row[2], row[3]) for row in units] == [("VKSND tỉnh Bình Thuận", 1, 1)]
    [round_row] = workbook["de-nghi"].iter_rows(min_row=3, values_only=True)
    assert round_row[2:4] == (1, 1)  # one nomination, waiting for review


def test_the_command_writes_csv_sections(tmp_path, year_data):
    output = tmp_path / "report.csv"
    call_command("emulation_report", "--year", str(year_data), "--format", "csv", "--output", str(output))
    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [f"# Tổng hợp năm {year_data}"]
    assert ["# Đăng ký thi đua"] in rows


def test_the_command_refuses_an_absurd_year(tmp_path):
    with pytest.raises(CommandError):
        call_command("emulation_report", "--year", "99", "--output", str(tmp_path / "x.xlsx"))


def test_a_unit_that_merged_shows_what_it_became(make_exemplar, binh_thuan):
    make_exemplar("Nguyễn Văn Đức")
    report = build_report(timezone.localdate().year)
    [row] = report.table("don-vi").rows
    if timezone.localdate() > datetime.date(2025, 6, 30):
        assert row[1] == "VKSND tỉnh Lâm Đồng"


def test_the_admin_report_draws_charts_and_exports(year_data, editor, other_unit):
    office = role_user("emulation_rewards", "thidua")
    url = reverse("emulation_year_report")
    html = as_user(office).get(url, {"year": year_data}).content.decode()
    assert "<svg" in html and "Gương điển hình theo đơn vị" in html
    assert other_unit.short_name in html  # the office sees every unit's registration
    response = as_user(office).get(url, {"year": year_data, "export": "xlsx"})
    assert load_workbook(io.BytesIO(response.content)).sheetnames == SHEETS
    # a unit sees its own rows only, and no other unit in its filter
    html = as_user(editor).get(url, {"year": year_data}).content.decode()
    assert other_unit.short_name not in html
    response = as_user(editor).get(url, {"year": year_data, "unit": other_unit.pk})
    assert "Hãy chọn" in response.content.decode() or "Select a valid choice" in response.content.decode()


def test_the_admin_report_refuses_people_without_a_unit_or_role(site_tree):
    journal = role_user("journal", "tapchi")
    response = as_user(journal).get(reverse("emulation_year_report"))
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_bad_year_in_the_filter_is_no_server_error(year_data):
    office = role_user("emulation_rewards", "thidua")
    response = as_user(office).get(reverse("emulation_year_report"), {"year": "abc", "export": "xlsx"})
    assert response.status_code == 200


def test_nominations_by_outcome(year_data):
    report = build_report(year_data)
    [row] = report.table("de-nghi").rows
    assert row[2] == 1 and row[3] == 1 and NominationStatus.SUBMITTED


def test_a_name_that_looks_like_a_formula_stays_text_in_both_formats():
    name = '=HYPERLINK("http://x.invalid","VKSND")'
    report = YearReport(2024, [Table("don-vi", "Đơn vị", ["Đơn vị", "Số"], [[name, 1], ["+84 912", 2]])])
    cells = [cell for row in csv.reader(io.StringIO(to_csv(report))) for cell in row]
    assert "'" + name in cells and "'+84 912" in cells and name not in cells
    sheet = load_workbook(io.BytesIO(to_xlsx(report)))["don-vi"]
    [cell] = [cell for row in sheet.iter_rows() for cell in row if cell.value == name]
    assert cell.data_type == "s"
