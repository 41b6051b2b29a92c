"""
Summary lists (danh sách trích ngang) in and out of XLSX, in the layout units already use:
number, name, position and unit, a one- or two-line summary, the proposed form.

Import is all or nothing: every row is checked first (name, unit by code or name, award form
from the vocabulary, document numbers); a file with any bad row writes nothing and the report
names each bad row with its number in the sheet and the reason, in Vietnamese. The rows are
then written in one transaction, so a failure half-way leaves nothing behind either.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cms.docnumbers import parse_document_number
from cms.models import Unit
from cms.text import fold_accents, normalize
from exemplar_pages.models import AwardForm

from .models import Nomination, NominationRound
from .models.nominations import NominationKind

# Headers as units write them, accent-folded and lower-cased, for each column we read.
HEADERS = {
    "number": ("stt", "so tt", "so thu tu", "tt"),
    "name": (
        "ho va ten",
        "ho ten",
        "ten tap the",
        "ho ten / ten tap the",
        "ho va ten / ten tap the",
        "ten ca nhan, tap the",
    ),
    "position": (
        "chuc vu, don vi",
        "chuc vu va don vi",
        "chuc vu, don vi cong tac",
        "chuc vu",
        "chuc vu - don vi",
    ),
    "unit": ("don vi de nghi", "ma don vi", "don vi"),
    "summary": ("tom tat thanh tich", "trich ngang thanh tich", "thanh tich"),
    "form": (
        "hinh thuc de nghi",
        "hinh thuc khen thuong de nghi",
        "danh hieu, hinh thuc de nghi",
        "hinh thuc",
    ),
    "kind": ("doi tuong", "ca nhan / tap the"),
    "proposal": ("so to trinh", "so van ban de nghi", "so to trinh de nghi"),
}
REQUIRED = ("name", "summary", "form")
EXPORT_HEADERS = (
    "STT",
    "Họ và tên / tên tập thể",
    "Chức vụ, đơn vị",
    "Tóm tắt thành tích",
    "Hình thức đề nghị",
)
MAX_ROWS = 5000


@dataclass
class RowError:
    row: int
    reason: str

    def __str__(self) -> str:
        return _("Dòng %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import found and did: the bad rows, or how many nominations it wrote."""

    rows: int = 0
    created: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        if self.errors:
            return [
                _("Tệp có %(count)s dòng lỗi; không ghi dòng nào.") % {"count": len(self.errors)},
                *(str(error) for error in self.errors),
            ]
        if self.dry_run:
            return [_("Kiểm tra xong: %(rows)s dòng hợp lệ; chưa ghi (chạy thử).") % {"rows": self.rows}]
        return [_("Đã ghi %(count)s đề nghị khen thưởng.") % {"count": self.created}]


def _key(value) -> str:
    return " ".join(fold_accents(normalize(str(value or ""))).casefold().replace("\n", " ").split())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value)).strip()


def _find_header(sheet) -> tuple[int, dict[str, int]] | None:
    """The first row (within 15) naming the required columns, and each known column's index."""
    for index, row in enumerate(sheet.iter_rows(min_row=1, max_row=15, values_only=True), start=1):
        found: dict[str, int] = {}
        for column, cell in enumerate(row):
            key = _key(cell)
            for name, spellings in HEADERS.items():
                if name not in found and key in spellings:
                    found[name] = column
        if all(name in found for name in REQUIRED):
            return index, found
    return None


class _Lookups:
    """Units and award forms, read once per file."""

    def __init__(self, year: int) -> None:
        self.day = datetime.date(year, 12, 31)
        self.forms = {_key(form.name): form for form in AwardForm.source_entries()}

    def unit(self, text: str) -> Unit | str:
        """The unit named by code or by name, valid in the round's year, or a reason."""
        matches = list(
            Unit.objects.filter(
                Q(code__iexact=text)
                | Q(former_code__iexact=text)
                | Q(name__iexact=text)
                | Q(short_name__iexact=text)
            )
        )
        if not matches:
            return _("không tìm thấy đơn vị “%(unit)s” (nhập mã hoặc tên đơn vị).") % {"unit": text}
        valid = [
            u for u in matches if u.is_valid_on(self.day) or u.is_valid_on(self.day.replace(month=1, day=1))
        ]
        if not valid:
            return _("đơn vị “%(unit)s” không hoạt động trong năm %(year)s.") % {
                "unit": text,
                "year": self.day.year,
            }
        if len(valid) > 1:
            return _("“%(unit)s” trùng tên nhiều đơn vị; nhập mã đơn vị.") % {"unit": text}
        return valid[0]

    def form(self, text: str) -> AwardForm | None:
        return self.forms.get(_key(text))


def _kind(text: str) -> str | None:
    key = _key(text)
    if not key or key in ("ca nhan", "individual"):
        return NominationKind.INDIVIDUAL
    if key in ("tap the", "collective"):
        return NominationKind.COLLECTIVE
    return None


def _read(source: BinaryIO | Path | str):
    # openpyxl is imported where a file is read or written, not at module level: the admin's
    # URLs import this module, and openpyxl costs every app server about 10 MB of memory
    # (tests/vksnd/test_startup_imports.py).
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise ValidationError(_("Không đọc được tệp XLSX: %(error)s") % {"error": error}) from error
    except Exception as error:  # a damaged archive raises zipfile's or lxml's own errors
        raise ValidationError(_("Không đọc được tệp XLSX.")) from error


def check_rows(
    source, round: NominationRound, default_unit: Unit | None = None, allowed_units: set[int] | None = None
):
    """Every row checked: (report, the nominations to write)."""
    report = ImportReport()
    workbook = _read(source)
    sheet = workbook.active
    header = _find_header(sheet)
    if header is None:
        report.errors.append(
            RowError(
                1,
                _(
                    "không tìm thấy dòng tiêu đề có các cột: Họ và tên, Tóm tắt thành tích, Hình thức đề nghị."
                ),
            )
        )
        return report, []
    header_row, columns = header
    lookups = _Lookups(round.year)
    pending: list[Nomination] = []
    for number, row in enumerate(
        sheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):
        cells = {name: _text(row[index]) if index < len(row) else "" for name, index in columns.items()}
        if not any(cells.values()):
            continue
        report.rows += 1
        if report.rows > MAX_ROWS:
            report.errors.append(RowError(number, _("tệp quá %(max)s dòng.") % {"max": MAX_ROWS}))
            break
        reasons = []
        name = cells.get("name", "")
        if not name:
            reasons.append(_("thiếu họ tên hoặc tên tập thể."))
        elif len(name) > 255 or not any(ch.isalpha() for ch in name):
            reasons.append(_("họ tên “%(name)s” không hợp lệ.") % {"name": name[:60]})
        summary = cells.get("summary", "")
        if not summary:
            reasons.append(_("thiếu tóm tắt thành tích."))
        elif len(summary) > 500:
            reasons.append(_("tóm tắt thành tích dài quá 500 ký tự (chỉ một, hai dòng)."))
        form = lookups.form(cells.get("form", ""))
        if form is None:
            reasons.append(
                _("hình thức “%(form)s” không có trong danh mục khen thưởng.")
                % {"form": cells.get("form", "")}
            )
        elif not form.is_active:
            reasons.append(
                _("hình thức “%(form)s” đã thôi áp dụng, không còn được đề nghị.") % {"form": form.name}
            )
        unit: Unit | None = default_unit
        if cells.get("unit"):
            found = lookups.unit(cells["unit"])
            if isinstance(found, str):
                reasons.append(found)
                unit = None
            else:
                unit = found
        elif unit is None:
            reasons.append(_("thiếu đơn vị đề nghị (cột “Đơn vị đề nghị”: mã hoặc tên)."))
        if unit is not None and allowed_units is not None and unit.pk not in allowed_units:
            reasons.append(_("không được nhập đề nghị cho đơn vị “%(unit)s”.") % {"unit": unit})
        kind = _kind(cells.get("kind", ""))
        if kind is None:
            reasons.append(
                _("đối tượng “%(kind)s” phải là Cá nhân hoặc Tập thể.") % {"kind": cells.get("kind")}
            )
        proposal = cells.get("proposal", "")
        if proposal:
            try:
                proposal = parse_document_number(proposal).text
            except ValidationError as error:
                reasons.append(error.messages[0])
        if reasons:
            report.errors.extend(RowError(number, reason) for reason in reasons)
            continue
        pending.append(
            Nomination(
                round=round,
                unit=unit,
                kind=kind,
                name=name,
                position_and_unit=cells.get("position", "")[:300],
                summary=summary,
                proposed_form=form,
                proposal_number=proposal,
                row=int(cells["number"]) if cells.get("number", "").isdigit() else report.rows,
            )
        )
    workbook.close()
    return report, pending


def import_summary_list(
    source,
    round: NominationRound,
    *,
    default_unit: Unit | None = None,
    allowed_units: set[int] | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Check every row; write them all in one transaction, or nothing if any row is bad."""
    report, pending = check_rows(source, round, default_unit, allowed_units)
    report.dry_run = dry_run
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for nomination in pending:
            nomination.save()
            report.created += 1
    return report


def export_summary_list(round: NominationRound, nominations=None) -> bytes:
    """The round's summary list as XLSX: a title, the five columns units use, one row per nominee."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    nominations = list(
        (nominations if nominations is not None else round.nominations.all()).select_related(
            "proposed_form", "exemplar", "unit"
        )
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách trích ngang"
    sheet.append([_("DANH SÁCH TRÍCH NGANG THÀNH TÍCH")])
    sheet.append([round.title])
    sheet.append([])
    sheet.append(list(EXPORT_HEADERS))
    for index, nomination in enumerate(nominations, start=1):
        sheet.append(
            [
                index,
                nomination.display_name,
                nomination.position_and_unit,
                nomination.summary,
                str(nomination.proposed_form),
            ]
        )
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for letter, width in zip("ABCDE", (6, 30, 40, 60, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
