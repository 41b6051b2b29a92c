"""`manage.py import_units`: every row checked, all or nothing, idempotent, a diff in --dry-run."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from cms.models import Unit
from exemplar_pages.models import UnitFolderPage

pytestmark = [pytest.mark.django_db]

HEADER = [
    "code",
    "name",
    "short_name",
    "name_en",
    "level",
    "parent",
    "valid_from",
    "valid_until",
    "predecessors",
    "successors",
    "symbol",
    "website",
    "emails",
    "source",
]
ROWS = [
    [
        "VKS-KV1-LAMDONG",
        "Viện kiểm sát nhân dân khu vực 1 - Lâm Đồng",
        "VKSND khu vực 1 - Lâm Đồng",
        "Regional People's Procuracy 1 - Lâm Đồng",
        "regional",
        "VKS-LAMDONG-2025",
        "01/07/2025",
        "",
        "",
        "",
        "",
        "https://vkslamdong.gov.vn",
        "kv1@vkslamdong.gov.vn; TONGHOP@vkslamdong.gov.vn",
        "Quyết định thành lập (mẫu kiểm thử)",
    ],
    [
        "VKS-PHANTHIET",
        "Viện kiểm sát nhân dân thành phố Phan Thiết",
        "VKSND TP. Phan Thiết",
        "",
        "VKSND cấp huyện",
        "VKS-BINHTHUAN",
        "",
        "2025-06-30",
        "",
        "VKS-KV1-LAMDONG",
        "",
        "",
        "",
        "Nghị quyết (mẫu kiểm thử)",
    ],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_units", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_a_file_creates_units_with_their_relations_folders_and_contacts(site_tree, tmp_path):
    output = run(str(write_csv(tmp_path / "units.csv", ROWS)))
    assert "2 new unit(s)" in output
    regional = Unit.objects.get(code="VKS-KV1-LAMDONG")
    district = Unit.objects.get(code="VKS-PHANTHIET")
    assert regional.parent.code == "VKS-LAMDONG-2025"
    assert regional.valid_from == datetime.date(2025, 7, 1)
    assert regional.email_addresses() == ["kv1@vkslamdong.gov.vn", "tonghop@vkslamdong.gov.vn"]
    assert regional.website == "https://vkslamdong.gov.vn"
    assert district.level == "district"  # given by its Vietnamese label
    # The district's `successors` column made it a predecessor of the regional procuracy.
    assert list(regional.predecessors.values_list("code", flat=True)) == ["VKS-PHANTHIET"]
    assert district.successors_on(datetime.date(2025, 7, 1)) == [regional]
    assert UnitFolderPage.objects.filter(unit=regional).exists()
    assert regional.editor_group is not None or Unit.objects.get(pk=regional.pk).editor_group is not None


def test_a_second_import_of_the_same_file_changes_nothing(site_tree, tmp_path):
    path = write_csv(tmp_path / "units.csv", ROWS)
    run(str(path))
    before = list(Unit.objects.order_by("pk").values())
    output = run(str(path))
    assert "Nothing to change." in output
    assert list(Unit.objects.order_by("pk").values()) == before
    assert "0 new unit(s), 0 changed" in run(str(path), "--dry-run")


def test_a_changed_file_shows_its_diff_in_a_dry_run_and_writes_nothing(site_tree, tmp_path):
    run(str(write_csv(tmp_path / "units.csv", ROWS)))
    changed = [list(ROWS[0]), ROWS[1]]
    changed[0][2] = "VKSND khu vực 1 (Lâm Đồng)"
    changed[0][12] = "kv1@vkslamdong.gov.vn"
    output = run(str(write_csv(tmp_path / "changed.csv", changed)), "--dry-run")
    assert "~ VKS-KV1-LAMDONG" in output
    assert "short_name: VKSND khu vực 1 - Lâm Đồng -> VKSND khu vực 1 (Lâm Đồng)" in output
    assert "emails:" in output
    assert "Nothing was written" in output
    assert Unit.objects.get(code="VKS-KV1-LAMDONG").short_name == "VKSND khu vực 1 - Lâm Đồng"


def test_a_file_with_a_bad_row_exits_non_zero_names_the_row_and_writes_nothing(site_tree, tmp_path):
    bad = [ROWS[0], [*ROWS[1][:4], "huyện", *ROWS[1][5:]]]
    bad[1][6] = "31/02/2024"
    count = Unit.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_units", str(write_csv(tmp_path / "bad.csv", bad)), stdout=io.StringIO(), stderr=err
        )
    assert "Dòng 3: cấp “huyện” không hợp lệ" in err.getvalue()
    assert "Dòng 3: ngày “31/02/2024”" in err.getvalue()
    assert Unit.objects.count() == count
    assert not Unit.objects.filter(code="VKS-KV1-LAMDONG").exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["vks kv 2", "A", "B", "", "regional", "", "", "", "", "", "", "", "", ""], "mã đơn vị"),
        (["VKS-X", "A", "B", "", "regional", "VKS-NOWHERE", "", "", "", "", "", "", "", ""], "VKS-NOWHERE"),
        (
            ["VKS-X", "A", "B", "", "regional", "", "2025-07-01", "2025-06-30", "", "", "", "", "", ""],
            "ngày kết thúc",
        ),
        (["VKS-X", "A", "B", "", "regional", "", "", "", "", "", "", "not a url", "", ""], "website"),
        (["VKS-X", "A", "B", "", "regional", "", "", "", "", "", "", "", "kv@", ""], "thư điện tử"),
        (["VKS-X", "", "B", "", "regional", "", "", "", "", "", "", "", "", ""], "cần cột name"),
        (["VKS-X", "A", "B", "", "regional", "VKS-X", "", "", "", "", "", "", "", ""], "chính nó"),
    ],
)
def test_each_kind_of_bad_value_is_refused_with_its_row(site_tree, tmp_path, row, message):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_units", str(write_csv(tmp_path / "bad.csv", [row])), stdout=io.StringIO(), stderr=err
        )
    assert "Dòng 2:" in err.getvalue()
    assert message in err.getvalue()


def test_a_duplicate_code_and_a_parent_cycle_are_refused(site_tree, tmp_path):
    rows = [
        ["VKS-A", "A", "A", "", "regional", "VKS-B", "", "", "", "", "", "", "", ""],
        ["VKS-B", "B", "B", "", "regional", "VKS-A", "", "", "", "", "", "", "", ""],
        ["VKS-A", "A", "A", "", "regional", "", "", "", "", "", "", "", "", ""],
    ]
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_units", str(write_csv(tmp_path / "bad.csv", rows)), stdout=io.StringIO(), stderr=err
        )
    assert "Dòng 4: mã VKS-A đã có ở dòng 2" in err.getvalue()
    assert "vòng lặp" in err.getvalue()


def test_unknown_columns_and_formats_are_refused(site_tree, tmp_path):
    with pytest.raises(CommandError):
        run(str(write_csv(tmp_path / "bad.csv", [["VKS-A"]], header=["code", "colour"])))
    other = tmp_path / "units.json"
    other.write_text("{}")
    with pytest.raises(CommandError):
        run(str(other))


def test_a_column_left_out_leaves_that_field_as_it_is(site_tree, tmp_path):
    hue = Unit.objects.get(code="VKS-HUE")
    path = write_csv(tmp_path / "partial.csv", [["VKS-HUE", "hue@vks.gov.vn"]], header=["code", "emails"])
    run(str(path))
    hue.refresh_from_db()
    assert hue.email_addresses() == ["hue@vks.gov.vn"]
    assert hue.short_name == "VKSND thành phố Huế"
    assert list(hue.predecessors.values_list("code", flat=True)) == ["VKS-THUATHIENHUE"]


def test_an_xlsx_file_imports_like_a_csv(site_tree, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    first = list(ROWS[0])
    first[6] = datetime.datetime(2025, 7, 1)  # a date cell, as Excel stores it
    sheet.append(first)
    path = tmp_path / "units.xlsx"
    book.save(path)
    run(str(path))
    assert Unit.objects.get(code="VKS-KV1-LAMDONG").valid_from == datetime.date(2025, 7, 1)
    assert "Nothing to change." in run(str(path))


def test_hue_is_two_records_one_succeeding_the_other(site_tree):
    province = Unit.objects.get(code="VKS-THUATHIENHUE")
    city = Unit.objects.get(code="VKS-HUE")
    assert province.valid_until == datetime.date(2024, 12, 31)
    assert city.valid_from == datetime.date(2025, 1, 1)
    assert province.successors_on(datetime.date(2025, 1, 1)) == [city]
    assert "175/2024/QH15" in city.source
