"""
Achievement reports (báo cáo thành tích) as DOCX, in the standard structure: for a person
I. short profile, II. achievements, III. commendations received; for a collective I. situation,
II. achievements, III. commendations received; then the unit head's confirmation. Dated in the
formal Vietnamese way ("Hà Nội, ngày 12 tháng 3 năm 2021").

python-docx is imported inside the functions that write a document, never at module level: the
admin's URLs import this module, and python-docx with lxml would weigh on every app server's
memory for a rare export (tests/vksnd/test_startup_imports.py).
"""

from __future__ import annotations

import datetime
import io

from django.utils import timezone

from cms.models import Unit
from exemplar_pages.models import AwardStatus, ExemplarPage

from .models import Nomination

SUPREME_LEVELS = {"supreme", "department", "section", "press"}


def vietnamese_date_line(place: str, day: datetime.date) -> str:
    """'Hà Nội, ngày 12 tháng 3 năm 2021' (days and months below 10 keep no leading zero)."""
    return f"{place}, ngày {day.day} tháng {day.month} năm {day.year}"


def place_of(unit: Unit) -> str:
    """Where the unit signs: its province, or Hà Nội for the Supreme Procuracy and its units."""
    if unit.level in SUPREME_LEVELS or not unit.province:
        return "Hà Nội"
    return unit.province


def _centered(document, text: str, *, bold: bool = False, size: int | None = None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def _heading(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _header(document, unit: Unit, day: datetime.date) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = unit.name.upper()
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cell in (left, right):
        for run in cell.paragraphs[0].runs:
            run.bold = True
    line = document.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    line.add_run(vietnamese_date_line(place_of(unit), day)).italic = True


def _awards_table(document, awards) -> None:
    if not awards:
        document.add_paragraph("Chưa có hình thức khen thưởng được ghi nhận.")
        return
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("Năm", "Danh hiệu, hình thức khen thưởng", "Số, ngày quyết định", "Cơ quan ban hành"),
        strict=True,
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for award in awards:
        row = table.add_row().cells
        row[0].text = str(award.year or "")
        row[1].text = award.title or str(award.award_form)
        date = award.decision_date.strftime("%d/%m/%Y") if award.decision_date else ""
        row[2].text = (
            f"Số: {award.decision_number}, ngày {date}".strip(", ") if award.decision_number else date
        )
        row[3].text = award.issuing_authority


def _signatures(document, collective: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    if collective:
        left.text = ""
        right.text = "THỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên và đóng dấu)"
    else:
        left.text = "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên và đóng dấu)"
        right.text = "NGƯỜI BÁO CÁO THÀNH TÍCH\n(Ký, ghi rõ họ tên)"
    for cell in (left, right):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def build_report(
    *,
    name: str,
    collective: bool,
    unit: Unit,
    position: str = "",
    birth_date: datetime.date | None = None,
    period: str = "",
    achievements: list[str],
    awards: list,
    proposed_form: str = "",
    day: datetime.date | None = None,
) -> bytes:
    """The DOCX bytes of one achievement report."""
    from docx import Document
    from docx.shared import Pt

    day = day or timezone.localdate()
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    _header(document, unit, day)
    _centered(document, "BÁO CÁO THÀNH TÍCH", bold=True, size=14)
    if proposed_form:
        _centered(document, f"Đề nghị tặng: {proposed_form}", bold=True)
    if collective:
        _heading(document, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
        document.add_paragraph(f"Tên tập thể: {name}")
        document.add_paragraph(f"Trụ sở: {unit.province or place_of(unit)}")
        document.add_paragraph(f"Đơn vị: {unit.name} ({unit.get_level_display()})")
    else:
        _heading(document, "I. SƠ LƯỢC LÝ LỊCH")
        document.add_paragraph(f"Họ và tên: {name}")
        document.add_paragraph(f"Ngày sinh: {birth_date.strftime('%d/%m/%Y') if birth_date else '…'}")
        document.add_paragraph(f"Đơn vị công tác: {unit.name}")
        document.add_paragraph(f"Chức vụ: {position or '…'}")
    _heading(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    if period:
        document.add_paragraph(f"Giai đoạn: {period}")
    for line in achievements:
        document.add_paragraph(line, style="List Bullet")
    _heading(document, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    _awards_table(document, awards)
    document.add_paragraph()
    _signatures(document, collective)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _received(page: ExemplarPage) -> list:
    return sorted(
        (a for a in page.awards.select_related("award_form") if a.status == AwardStatus.RECEIVED),
        key=lambda a: a.decision_date or datetime.date.min,
    )


def exemplar_report(page: ExemplarPage, day: datetime.date | None = None) -> bytes:
    return build_report(
        name=page.title,
        collective=page.kind == "collective",
        unit=page.unit,
        position=page.position,
        birth_date=page.date_of_birth,
        period=page.achievement_period,
        achievements=[str(block.value) for block in page.achievements],
        awards=_received(page),
        day=day,
    )


def nomination_report(nomination: Nomination, day: datetime.date | None = None) -> bytes:
    page = nomination.exemplar.specific if nomination.exemplar_id else None
    achievements = [str(block.value) for block in page.achievements] if page else []
    return build_report(
        name=nomination.display_name,
        collective=nomination.kind == "collective",
        unit=nomination.unit,
        position=nomination.position_and_unit,
        birth_date=page.date_of_birth if page else None,
        period=page.achievement_period if page else str(nomination.round.year),
        achievements=[nomination.summary, *achievements],
        awards=_received(page) if page else [],
        proposed_form=str(nomination.proposed_form),
        day=day,
    )
