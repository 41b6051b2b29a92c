"""
Importing the units directory from an administrator's spreadsheet (CSV or XLSX).

The file has a header row naming its columns (`COLUMNS`; only `code` is required as a
column, and a column left out of the file leaves that field as it is in the database).
Every row is checked before anything is written; one bad row refuses the whole file,
with each problem named by its row number as the spreadsheet shows it (the header is
row 1). A file that matches the database changes nothing, so a second import of the same
file is a no-op; `plan_import` describes what an import would change (the `--dry-run`).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from cms.models import Unit, UnitLevel
from cms.models.units import code_validator, split_email_lines, validate_email_lines
from cms.text import normalize

# Column -> Unit field. "symbol" is the document symbol (V16 in 927/VKSTC-V16).
SCALAR_COLUMNS = {
    "code": "code",
    "name": "name",
    "short_name": "short_name",
    "name_en": "name_en",
    "short_name_en": "short_name_en",
    "level": "level",
    "province": "province",
    "valid_from": "valid_from",
    "valid_until": "valid_until",
    "symbol": "former_code",
    "website": "website",
    "emails": "emails",
    "source": "source",
    "contributing": "is_contributing",
    "note": "note",
}
RELATION_COLUMNS = ("parent", "predecessors", "successors")
COLUMNS = (*SCALAR_COLUMNS, *RELATION_COLUMNS)
REQUIRED_FOR_NEW = ("name", "short_name", "level")
TRUE_WORDS = {"1", "true", "yes", "x", "có", "co"}
FALSE_WORDS = {"0", "false", "no", "không", "khong", ""}
LEVEL_BY_LABEL = {normalize(str(label)).casefold(): value for value, label in UnitLevel.choices}
MAX_FILE_ROWS = 10_000


class ImportRefused(Exception):
    """The file cannot be imported; `errors` lists every problem by row."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    """One checked line of the file: its row number, its values, its relations by code."""

    number: int
    code: str
    values: dict = field(default_factory=dict)
    parent: str | None = None  # "" clears the parent; None leaves it
    predecessors: list[str] | None = None
    successors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What an import changes: new units, and per existing unit each field's old and new value."""

    rows: list[Row]
    created: list[str] = field(default_factory=list)
    changes: dict[str, list[tuple[str, object, object]]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.changes)

    def lines(self) -> list[str]:
        out = [f"+ {code}" for code in self.created]
        for code, diffs in self.changes.items():
            out.append(f"~ {code}")
            out.extend(f"    {name}: {_show(old)} -> {_show(new)}" for name, old, new in diffs)
        return out


def _show(value) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(value)) or "(trống)"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def read_table(path: Path) -> list[dict[str, str]]:
    """The file's rows as dicts keyed by lower-case column names (values as text)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text))
        table = list(reader)
    elif suffix == ".xlsx":
        # Imported here: openpyxl costs every app server about 10 MB of memory, for a command
        # run a few times a year (tests/vksnd/test_startup_imports.py).
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        table = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raise ImportRefused(
            [f"Định dạng tệp không được hỗ trợ: {path.suffix or '(không có)'} (CSV hoặc XLSX)."]
        )
    if not table:
        raise ImportRefused(["Tệp trống: cần một dòng tiêu đề với cột code."])
    header = [normalize(str(name or "")).strip().lower() for name in table[0]]
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise ImportRefused([f"Dòng 1: cột không xác định: {', '.join(unknown)}."])
    if "code" not in header:
        raise ImportRefused(["Dòng 1: thiếu cột code."])
    if len(set(filter(None, header))) != len([h for h in header if h]):
        raise ImportRefused(["Dòng 1: có cột lặp lại."])
    if len(table) > MAX_FILE_ROWS + 1:
        raise ImportRefused([f"Tệp có quá {MAX_FILE_ROWS} dòng."])
    rows = []
    for cells in table[1:]:
        cells = list(cells) + [""] * (len(header) - len(cells))
        rows.append({name: str(cells[i] or "") for i, name in enumerate(header) if name})
    return rows


def _cell(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return str(value)


def _parse_date(text: str) -> datetime.date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _codes(text: str) -> list[str]:
    return [part.strip().upper() for part in text.replace(",", ";").split(";") if part.strip()]


def _check_row(number: int, raw: dict[str, str], errors: list[str]) -> Row | None:
    """Parse and check one row's own values; relations are checked once every row is read."""

    def fail(message: str) -> None:
        errors.append(f"Dòng {number}: {message}")

    text = {name: normalize(value).strip() for name, value in raw.items()}
    if not any(text.values()):
        return None  # blank lines of a spreadsheet
    code = text.get("code", "").upper()
    if not code:
        fail("thiếu mã đơn vị (code).")
        return None
    try:
        code_validator(code)
    except ValidationError:
        fail(f"mã đơn vị “{code}” không hợp lệ (chữ in hoa không dấu, chữ số, dấu gạch ngang).")
    row = Row(number=number, code=code)
    max_lengths = {f.name: f.max_length for f in Unit._meta.fields if getattr(f, "max_length", None)}
    for column, field_name in SCALAR_COLUMNS.items():
        if column not in text or column == "code":
            continue
        value = text[column]
        if column == "level":
            level = value if value in UnitLevel.values else LEVEL_BY_LABEL.get(value.casefold())
            if value and level is None:
                fail(f"cấp “{value}” không hợp lệ (một trong: {', '.join(UnitLevel.values)}).")
            row.values[field_name] = level or ""
            continue
        if column in ("valid_from", "valid_until"):
            try:
                row.values[field_name] = _parse_date(value)
            except ValueError:
                fail(f"ngày “{value}” ở cột {column} không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).")
            continue
        if column == "contributing":
            word = value.casefold()
            if word not in TRUE_WORDS | FALSE_WORDS:
                fail(f"cột contributing nhận 1/0 hoặc có/không, không phải “{value}”.")
            row.values[field_name] = word in TRUE_WORDS
            continue
        if column == "website" and value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                fail(f"địa chỉ website “{value}” không hợp lệ.")
        if column == "emails":
            try:
                validate_email_lines(value)
            except ValidationError as error:
                fail(" ".join(error.messages))
            value = "\n".join(dict.fromkeys(split_email_lines(value)))
        if column == "symbol":
            value = value.upper()
        limit = max_lengths.get(field_name)
        if limit and len(value) > limit:
            fail(f"cột {column} dài quá {limit} ký tự.")
        row.values[field_name] = value
    start, end = row.values.get("valid_from"), row.values.get("valid_until")
    if start and end and start > end:
        fail("ngày kết thúc (valid_until) phải sau hoặc trùng ngày bắt đầu (valid_from).")
    if "parent" in text:
        row.parent = text["parent"].upper()
    if "predecessors" in text:
        row.predecessors = _codes(text["predecessors"])
    if "successors" in text:
        row.successors = _codes(text["successors"])
    for code_list, column in ((row.predecessors or [], "predecessors"), (row.successors, "successors")):
        if code in code_list:
            fail(f"đơn vị không thể là {column} của chính nó.")
    if row.parent == code:
        fail("đơn vị không thể là cấp trên của chính nó.")
    return row


def _check_relations(rows: list[Row], existing: dict[str, Unit], errors: list[str]) -> None:
    known = set(existing) | {row.code for row in rows}
    for row in rows:
        if row.code not in existing:
            missing = [name for name in REQUIRED_FOR_NEW if not row.values.get(name)]
            if missing:
                errors.append(f"Dòng {row.number}: đơn vị mới {row.code} cần cột {', '.join(missing)}.")
        for code in filter(None, [row.parent, *(row.predecessors or []), *row.successors]):
            if code not in known:
                errors.append(f"Dòng {row.number}: không có đơn vị mã {code} (trong tệp hoặc danh mục).")
    # No unit may become its own ancestor through the file's parents.
    parents = {code: (unit.parent.code if unit.parent_id else "") for code, unit in existing.items()}
    parents.update({row.code: row.parent for row in rows if row.parent is not None})
    for row in rows:
        seen, code = {row.code}, parents.get(row.code)
        while code:
            if code in seen:
                errors.append(f"Dòng {row.number}: quan hệ cấp trên tạo thành vòng lặp ({row.code}).")
                break
            seen.add(code)
            code = parents.get(code)


def check_file(path: Path) -> tuple[list[Row], dict[str, Unit]]:
    """Every row read and checked; raises ImportRefused listing all problems."""
    errors: list[str] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(read_table(path), start=2):
        row = _check_row(number, raw, errors)
        if row is None:
            continue
        if row.code in seen:
            errors.append(f"Dòng {number}: mã {row.code} đã có ở dòng {seen[row.code]}.")
            continue
        seen[row.code] = number
        rows.append(row)
    wanted = {row.code for row in rows}
    for row in rows:
        wanted.update(filter(None, [row.parent, *(row.predecessors or []), *row.successors]))
    existing = {u.code: u for u in Unit.objects.filter(code__in=wanted).select_related("parent")}
    _check_relations(rows, existing, errors)
    if errors:
        raise ImportRefused(errors)
    return rows, existing


def _wanted_predecessors(rows: list[Row], existing: dict[str, Unit]) -> dict[str, set[str]]:
    """The predecessor codes each affected unit ends up with."""
    current: dict[str, set[str]] = {code: set() for code in existing}
    through = Unit.predecessors.through.objects.filter(from_unit__code__in=list(existing)).values_list(
        "from_unit__code", "to_unit__code"
    )
    for successor, predecessor in through:
        current[successor].add(predecessor)
    wanted = {code: set(codes) for code, codes in current.items()}
    for row in rows:
        if row.predecessors is not None:
            wanted[row.code] = set(row.predecessors)
        else:
            wanted.setdefault(row.code, set())
    for row in rows:
        for successor in row.successors:
            wanted.setdefault(successor, set()).add(row.code)
    return wanted


def plan_import(path: Path) -> ImportPlan:
    """What importing `path` would change, without writing anything."""
    rows, existing = check_file(path)
    plan = ImportPlan(rows=rows)
    predecessors = _wanted_predecessors(rows, existing)
    for row in rows:
        unit = existing.get(row.code)
        if unit is None:
            plan.created.append(row.code)
            continue
        diffs = [
            (name, getattr(unit, name), value)
            for name, value in row.values.items()
            if getattr(unit, name) != value
        ]
        if row.parent is not None and (unit.parent.code if unit.parent_id else "") != row.parent:
            diffs.append(("parent", unit.parent.code if unit.parent_id else "", row.parent))
        if diffs:
            plan.changes[row.code] = diffs
    current = {code: set() for code in existing}
    for successor, predecessor in Unit.predecessors.through.objects.filter(
        from_unit__code__in=list(existing)
    ).values_list("from_unit__code", "to_unit__code"):
        current[successor].add(predecessor)
    for code, codes in predecessors.items():
        if code in existing and current.get(code, set()) != codes:
            plan.changes.setdefault(code, []).append(("predecessors", current.get(code, set()), codes))
    return plan


@transaction.atomic
def import_units(path: Path) -> ImportPlan:
    """Apply the file: all of it, or nothing (ImportRefused) if any row is wrong."""
    plan = plan_import(path)
    if not plan.changed:
        return plan
    rows = plan.rows
    units = {u.code: u for u in Unit.objects.filter(code__in=_all_codes(rows))}
    for row in rows:
        unit = units.get(row.code) or Unit(code=row.code)
        changed = [name for name, value in row.values.items() if getattr(unit, name) != value]
        for name in changed:
            setattr(unit, name, row.values[name])
        if unit.pk is None or changed:
            unit.full_clean(exclude=["parent", "editor_group", "head_group", "collection"])
            unit.save()
        units[row.code] = unit
    for row in rows:
        if row.parent is None:
            continue
        unit = units[row.code]
        parent = units[row.parent] if row.parent else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])
    wanted_codes = _wanted_predecessors(rows, units)
    pk_by_code = dict(
        Unit.objects.filter(code__in={c for codes in wanted_codes.values() for c in codes}).values_list(
            "code", "pk"
        )
    )
    for code, codes in wanted_codes.items():
        unit = units[code]
        wanted = {pk_by_code[c] for c in codes}
        if set(unit.predecessors.values_list("pk", flat=True)) != wanted:
            unit.predecessors.set(wanted)
    return plan


def _all_codes(rows: Iterable[Row]) -> set[str]:
    codes = set()
    for row in rows:
        codes.add(row.code)
        codes.update(filter(None, [row.parent, *(row.predecessors or []), *row.successors]))
    return codes
