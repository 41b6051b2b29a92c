"""Summary lists: every row checked, all or nothing, a report naming each bad row; export in the units' layout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from cms.models import Unit
from emulation.models import Nomination
from emulation.summary_list import export_summary_list, import_summary_list
from tests.fixtures.emulation import SUMMARY_HEADER, xlsx_bytes
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db

GOOD = [
    [
        1,
        "Nguyễn Văn Mẫu (dữ liệu mẫu)",
        "Kiểm sát viên, Phòng 1",
        "VKS-BINHTHUAN",
        "Hoàn thành xuất sắc nhiệm vụ.",
        "Bằng khen của Viện trưởng VKSND tối cao",
    ],
    # a unit by its name, a form typed without diacritics and in capitals
    [
        2,
        "Phòng 2 (dữ liệu mẫu)",
        "",
        "VKSND tỉnh Bình Thuận",
        "Triệt phá chuyên án lớn.",
        "BANG KHEN CUA VIEN TRUONG VKSND TOI CAO",
    ],
]


def write(tmp_path: Path, rows, name="danh-sach.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(xlsx_bytes([SUMMARY_HEADER, *rows]))
    return path


def test_a_good_file_writes_every_row(tmp_path, nomination_round, binh_thuan):
    report = import_summary_list(write(tmp_path, GOOD), nomination_round)
    assert report.ok and report.created == 2
    rows = list(
        Nomination.objects.order_by("row").values_list("name", "unit__code", "proposed_form__name", "row")
    )
    assert rows == [
        ("Nguyễn Văn Mẫu (dữ liệu mẫu)", "VKS-BINHTHUAN", "Bằng khen của Viện trưởng VKSND tối cao", 1),
        ("Phòng 2 (dữ liệu mẫu)", "VKS-BINHTHUAN", "Bằng khen của Viện trưởng VKSND tối cao", 2),
    ]


def test_one_bad_row_fails_the_command_names_the_row_and_writes_nothing(tmp_path, nomination_round, capsys):
    rows = [*GOOD, [3, "Trần Thị Mẫu", "Kiểm tra viên", "VKS-KHONGCO", "Thành tích.", "Huân chương Không Có"]]
    path = write(tmp_path, rows)
    with pytest.raises(CommandError, match="2 bad row"):
        call_command("import_summary_list", str(path), "--round", str(nomination_round.pk))
    errors = capsys.readouterr().err
    # the header is on sheet row 3 (title, empty line): the bad row is row 6
    assert "Dòng 6: không tìm thấy đơn vị “VKS-KHONGCO”" in errors
    assert "Dòng 6: hình thức “Huân chương Không Có” không có trong danh mục khen thưởng." in errors
    assert "không ghi dòng nào" in errors
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["", "", "", "VKS-BINHTHUAN", "Thành tích.", "Giấy khen"], "thiếu họ tên"),
        ([1, "12345", "", "VKS-BINHTHUAN", "Thành tích.", "Giấy khen"], "họ tên “12345” không hợp lệ"),
        ([1, "Nguyễn Văn A", "", "VKS-BINHTHUAN", "", "Giấy khen"], "thiếu tóm tắt thành tích"),
        ([1, "Nguyễn Văn A", "", "VKS-BINHTHUAN", "x" * 501, "Giấy khen"], "dài quá 500 ký tự"),
        # Bình Thuận ended on 30/6/2025: it cannot propose in 2026
        ([1, "Nguyễn Văn A", "", "VKS-LAMDONG-2025", "Thành tích.", "Giấy khen"], None),
    ],
)
def test_each_rule_of_a_row(tmp_path, make_round, row, reason):
    report = import_summary_list(write(tmp_path, [row]), make_round(year=2026))
    if reason is None:
        assert report.ok
    else:
        assert not report.ok and reason in str(report.errors[0])


def test_a_unit_that_no_longer_exists_is_refused_for_its_later_years(tmp_path, make_round):
    report = import_summary_list(write(tmp_path, [GOOD[0]]), make_round(year=2026))
    assert "không hoạt động trong năm 2026" in str(report.errors[0])


def test_proposal_numbers_are_checked(tmp_path, nomination_round):
    header = [*SUMMARY_HEADER, "Số tờ trình"]
    path = tmp_path / "f.xlsx"
    path.write_bytes(xlsx_bytes([header, [*GOOD[0], "15/TTr\u2013VKS"], [*GOOD[1], "1136/2024"]]))
    report = import_summary_list(path, nomination_round)
    assert [str(e) for e in report.errors] == [
        "Dòng 5: Số văn bản “1136/2024” thiếu tên viết tắt của cơ quan ban hành (ví dụ: QĐ-UBND)."
    ]
    path.write_bytes(xlsx_bytes([header, [*GOOD[0], "15/TTr\u2013VKS"]]))
    assert import_summary_list(path, nomination_round).ok
    assert Nomination.objects.get().proposal_number == "15/TTr-VKS"


def test_a_dry_run_checks_and_writes_nothing(tmp_path, nomination_round, capsys):
    call_command(
        "import_summary_list", str(write(tmp_path, GOOD)), "--round", str(nomination_round.pk), "--dry-run"
    )
    assert "2 dòng hợp lệ" in capsys.readouterr().out
    assert not Nomination.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_cleanly(tmp_path, nomination_round):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CommandError, match="Không đọc được tệp XLSX"):
        call_command("import_summary_list", str(path), "--round", str(nomination_round.pk))


def test_a_file_without_the_columns_is_refused(tmp_path, nomination_round):
    path = tmp_path / "f.xlsx"
    path.write_bytes(xlsx_bytes([["A", "B"], [1, 2]]))
    report = import_summary_list(path, nomination_round)
    assert "không tìm thấy dòng tiêu đề" in str(report.errors[0])


@pytest.mark.django_db(transaction=True)
def test_a_failure_half_way_leaves_nothing_on_postgresql(postgres, tmp_path, nomination_round, monkeypatch):
    """All or nothing also when the database refuses a row after others were written."""
    saved = []
    real_save = Nomination.save

    def save(self, *args, **kwargs):
        if saved:
            raise RuntimeError("the database went away")
        real_save(self, *args, **kwargs)
        saved.append(self.pk)

    monkeypatch.setattr(Nomination, "save", save)
    with pytest.raises(RuntimeError):
        import_summary_list(write(tmp_path, GOOD), nomination_round)
    assert saved  # the first row had been written inside the transaction
    assert not Nomination.objects.exists()


def test_the_export_has_the_units_layout_and_reads_back(tmp_path, nomination_round, make_nomination):
    make_nomination(name="Nguyễn Văn Mẫu (dữ liệu mẫu)", position_and_unit="Kiểm sát viên, Phòng 1")
    make_nomination(name="Phòng 2 (dữ liệu mẫu)", kind="collective")
    data = export_summary_list(nomination_round)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[4]] == [
        "STT",
        "Họ và tên / tên tập thể",
        "Chức vụ, đơn vị",
        "Tóm tắt thành tích",
        "Hình thức đề nghị",
    ]
    assert [c.value for c in sheet[5]][:3] == [1, "Nguyễn Văn Mẫu (dữ liệu mẫu)", "Kiểm sát viên, Phòng 1"]
    # the same file, given back with the unit, imports into another round
    path = tmp_path / "back.xlsx"
    path.write_bytes(data)
    other = nomination_round.__class__.objects.create(
        title="Đợt khác", year=2024, award_form=nomination_round.award_form
    )
    report = import_summary_list(path, other, default_unit=Unit.objects.get(code="VKS-BINHTHUAN"))
    assert report.ok and report.created == 2


def test_a_unit_imports_in_the_admin_for_itself_only(nomination_round, editor, other_unit):
    client = as_user(editor)
    url = reverse("emulation_import_summary_list")
    assert client.get(url).status_code == 200
    rows = [*GOOD, [3, "Người Hà Nội", "", other_unit.code, "Thành tích.", "Giấy khen"]]
    upload = SimpleUploadedFile("ds.xlsx", xlsx_bytes([SUMMARY_HEADER, *rows]))
    response = client.post(url, {"round": nomination_round.pk, "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 6: không được nhập đề nghị cho đơn vị" in html
    assert not Nomination.objects.exists()


def test_the_office_exports_every_row_and_a_unit_its_own(
    nomination_round, make_nomination, editor, other_unit
):
    make_nomination(name="Người Bình Thuận")
    make_nomination(name="Người Hà Nội", unit=other_unit)
    url = reverse("emulation_export_summary_list", args=[nomination_round.pk])
    office = role_user("emulation_rewards", "thidua")

    def names(response):
        return [
            r[1]
            for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=5, values_only=True)
        ]

    assert sorted(names(as_user(office).get(url))) == ["Người Bình Thuận", "Người Hà Nội"]
    assert names(as_user(editor).get(url)) == ["Người Bình Thuận"]
