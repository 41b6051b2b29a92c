"""Achievement reports as DOCX: the standard structure, the Vietnamese date line, the head's confirmation."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from emulation.achievement_report import exemplar_report, nomination_report, vietnamese_date_line
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_date_line_reads_as_in_official_letters():
    assert vietnamese_date_line("Hà Nội", datetime.date(2021, 3, 12)) == "Hà Nội, ngày 12 tháng 3 năm 2021"


def test_an_individuals_report_has_profile_achievements_and_commendations(make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức", position="Kiểm sát viên trung cấp")
    text = text_of(exemplar_report(page, day=datetime.date(2024, 12, 5)))
    assert "Bình Thuận, ngày 5 tháng 12 năm 2024" in text
    order = [
        text.index(h)
        for h in ("I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    ]
    assert order == sorted(order)
    assert "Họ và tên: Nguyễn Văn Đức" in text and "Chức vụ: Kiểm sát viên trung cấp" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text
    assert "/QĐ-UBND, ngày 03/06/2024" in text
    assert "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_a_collectives_report_starts_with_its_situation(make_exemplar):
    page = make_exemplar("Phòng 1 (dữ liệu mẫu)", kind="collective")
    text = text_of(exemplar_report(page))
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "Tên tập thể: Phòng 1 (dữ liệu mẫu)" in text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text and "NGƯỜI BÁO CÁO" not in text


def test_a_nominations_report_names_the_proposed_form(make_nomination):
    nomination = make_nomination(name="Trần Thị Mẫu (dữ liệu mẫu)")
    text = text_of(nomination_report(nomination))
    assert "Đề nghị tặng: Bằng khen của Viện trưởng VKSND tối cao" in text
    assert "Hoàn thành xuất sắc nhiệm vụ năm 2024." in text


def test_reports_are_for_the_unit_and_the_office_only(make_exemplar, make_nomination, editor, other_editor):
    page = make_exemplar("Nguyễn Văn Đức")
    nomination = make_nomination()
    for url in (
        reverse("emulation_exemplar_report", args=[page.pk]),
        reverse("emulation_nomination_report", args=[nomination.pk]),
    ):
        response = as_user(editor).get(url)
        assert response["Content-Type"].endswith("wordprocessingml.document")
        assert as_user(role_user("emulation_rewards", "thidua")).get(url).status_code == 200
        refused = as_user(other_editor).get(url)
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    html = as_user(editor).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("emulation_exemplar_report", args=[page.pk]) in html
