"""
The yearly report of emulation & rewards: one table per question, the same tables in the
admin (with charts), in XLSX (a sheet each) and in CSV (sections one after another).

Tables: exemplars proposed and published by unit (with what the unit became after 2025),
by level, award form, channel and campaign; registrations received on time; initiatives;
nominations by round and outcome; how long the workflow's stages took.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision, TaskState

from cms.calendar import working_days_between
from cms.models import Unit, UnitLevel
from cms.spreadsheets import neutralise
from exemplar_pages.models import ExemplarPage

from .models import (
    AwardRecord,
    EmulationRegistration,
    EmulationYear,
    Initiative,
    InitiativeStatus,
    Nomination,
    NominationRound,
    NominationStatus,
    RoundStatus,
)
from .rules import check_nomination


@dataclass
class Table:
    """One table of the report: a key (sheet name), a title, headers and rows."""

    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    chart: bool = False  # a bar chart of the first two columns in the admin


@dataclass
class YearReport:
    year: int
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _exemplars(year: int, unit_ids: set[int] | None):
    pages = ExemplarPage.objects.filter(locale__language_code="vi").select_related("unit")
    if unit_ids is not None:
        pages = pages.filter(unit_id__in=unit_ids)
    pages = list(pages.prefetch_related("channels", "campaigns", "awards__award_form"))
    first_revision = dict(
        Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages])
        .values_list("object_id")
        .annotate(first=Min("created_at"))
    )
    proposed, published = [], []
    for page in pages:
        created = first_revision.get(str(page.pk))
        if created and timezone.localtime(created).year == year:
            proposed.append(page)
        if page.first_published_at and timezone.localtime(page.first_published_at).year == year:
            published.append(page)
    return proposed, published


def _counts_table(key, title, label, proposed, published, keys_of) -> Table:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for index, pages in enumerate((proposed, published)):
        for page in pages:
            for name in keys_of(page) or [_("(không có)")]:
                counts[name][index] += 1
    rows = [[name, p, q] for name, (p, q) in sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))]
    return Table(key, title, [label, _("Đề xuất"), _("Đăng tải")], rows, chart=True)


def _successor(unit: Unit, today: datetime.date) -> str:
    if unit.is_valid_on(today):
        return ""
    return ", ".join(u.short_name for u in unit.successors_on(today))


def exemplar_tables(year: int, unit_ids: set[int] | None = None) -> list[Table]:
    proposed, published = _exemplars(year, unit_ids)
    today = timezone.localdate()
    by_unit: dict[int, list] = {}
    for index, pages in enumerate((proposed, published)):
        for page in pages:
            row = by_unit.setdefault(page.unit_id, [page.unit.short_name, _successor(page.unit, today), 0, 0])
            row[2 + index] += 1
    levels = dict(UnitLevel.choices)
    return [
        Table(
            "don-vi",
            _("Gương điển hình theo đơn vị"),
            [_("Đơn vị"), _("Đơn vị kế thừa (sau 2025)"), _("Đề xuất"), _("Đăng tải")],
            sorted(by_unit.values(), key=lambda r: (-r[2], r[0])),
        ),
        _counts_table(
            "cap",
            _("Theo cấp"),
            _("Cấp"),
            proposed,
            published,
            lambda p: [str(levels.get(p.unit.level, p.unit.level))],
        ),
        _counts_table(
            "hinh-thuc",
            _("Theo danh hiệu, hình thức khen thưởng"),
            _("Hình thức"),
            proposed,
            published,
            lambda p: sorted({a.award_form.name for a in p.awards.all()}),
        ),
        _counts_table(
            "kenh",
            _("Theo kênh đăng tải"),
            _("Kênh"),
            proposed,
            published,
            lambda p: sorted(c.name for c in p.channels.all()),
        ),
        _counts_table(
            "phong-trao",
            _("Theo phong trào thi đua"),
            _("Phong trào"),
            proposed,
            published,
            lambda p: sorted(c.title for c in p.campaigns.all()),
        ),
    ]


def registration_table(year: int, unit_ids: set[int] | None = None) -> Table:
    setting = EmulationYear.objects.filter(year=year).first()
    deadline = setting.registration_deadline if setting else None
    rows = []
    registrations = EmulationRegistration.objects.filter(year=year).select_related("unit")
    if unit_ids is not None:
        registrations = registrations.filter(unit_id__in=unit_ids)
    for registration in registrations.order_by("unit__short_name"):
        confirmed = (
            timezone.localtime(registration.confirmed_at).date() if registration.confirmed_at else None
        )
        on_time = registration.on_time
        rows.append(
            [
                registration.unit.short_name,
                registration.get_status_display(),
                confirmed.strftime("%d/%m/%Y") if confirmed else "",
                deadline.strftime("%d/%m/%Y") if deadline else "",
                "" if on_time is None else (_("Đúng hạn") if on_time else _("Quá hạn")),
            ]
        )
    return Table(
        "dang-ky",
        _("Đăng ký thi đua"),
        [_("Đơn vị"), _("Trạng thái"), _("Ngày xác nhận"), _("Hạn đăng ký"), _("Đúng hạn")],
        rows,
    )


def initiative_table(year: int, unit_ids: set[int] | None = None) -> Table:
    initiatives = Initiative.objects.filter(year=year).select_related("unit")
    if unit_ids is not None:
        initiatives = initiatives.filter(unit_id__in=unit_ids)
    rows = [
        [i.title, i.unit.short_name, i.get_scope_display(), i.get_status_display(), i.decision_number]
        for i in initiatives.order_by("unit__short_name", "title")
    ]
    return Table(
        "sang-kien",
        _("Sáng kiến"),
        [_("Sáng kiến"), _("Đơn vị"), _("Phạm vi"), _("Kết quả"), _("Số quyết định")],
        rows,
    )


def nomination_table(year: int, unit_ids: set[int] | None = None) -> Table:
    rows = []
    for round in NominationRound.objects.filter(year=year).select_related("award_form").order_by("title"):
        nominations = round.nominations.all()
        if unit_ids is not None:
            nominations = nominations.filter(unit_id__in=unit_ids)
        counts = Counter(nominations.values_list("status", flat=True))
        rows.append(
            [
                round.title,
                round.get_status_display(),
                sum(counts.values()),
                counts[NominationStatus.SUBMITTED],
                counts[NominationStatus.RETURNED],
                counts[NominationStatus.APPROVED],
                counts[NominationStatus.REJECTED],
                round.decision_number,
            ]
        )
    return Table(
        "de-nghi",
        _("Đề nghị khen thưởng theo đợt và kết quả"),
        [
            _("Đợt xét"),
            _("Trạng thái"),
            _("Tổng số"),
            _("Chờ xét"),
            _("Trả lại"),
            _("Được khen"),
            _("Không được khen"),
            _("Số quyết định"),
        ],
        rows,
    )


def eligibility_table(year: int, unit_ids: set[int] | None = None) -> Table:
    """Nominations of the year's undecided rounds, sent or approved, that miss a condition, and why."""
    nominations = (
        Nomination.objects.filter(round__year=year)
        .exclude(round__status=RoundStatus.DECIDED)
        .exclude(status__in=[NominationStatus.DRAFT, NominationStatus.REJECTED])
        .select_related("round__award_form", "unit", "exemplar", "proposed_form")
        .order_by("round__title", "unit__short_name", "row", "pk")
    )
    if unit_ids is not None:
        nominations = nominations.filter(unit_id__in=unit_ids)
    rows = []
    for nomination in nominations:
        problems = check_nomination(nomination)
        if problems:
            rows.append(
                [
                    nomination.round.title,
                    nomination.unit.short_name,
                    nomination.display_name,
                    nomination.get_status_display(),
                    " ".join(problems),
                ]
            )
    return Table(
        "dieu-kien",
        _("Đề nghị chưa đạt điều kiện"),
        [_("Đợt xét"), _("Đơn vị"), _("Họ tên / tập thể"), _("Trạng thái"), _("Điều kiện chưa đạt")],
        rows,
    )


def award_table(year: int, unit_ids: set[int] | None = None) -> Table:
    """The awards the year's decisions gave, with or without an exemplar page (AwardRecord)."""
    records = AwardRecord.objects.filter(year=year).select_related("unit", "award_form")
    if unit_ids is not None:
        records = records.filter(unit_id__in=unit_ids)
    rows = [
        [
            r.name,
            r.get_kind_display(),
            r.unit.short_name,
            r.award_form.name,
            r.decision_number,
            r.decision_date,
            _("Có") if r.exemplar_id else _("Không"),
        ]
        for r in records.order_by("unit__short_name", "name")
    ]
    return Table(
        "khen-thuong",
        _("Khen thưởng đã quyết định"),
        [
            _("Họ tên / tập thể"),
            _("Đối tượng"),
            _("Đơn vị"),
            _("Hình thức"),
            _("Số quyết định"),
            _("Ngày quyết định"),
            _("Có hồ sơ gương điển hình"),
        ],
        rows,
    )


def stage_table(year: int) -> Table:
    """How long each stage of the workflows took, in working days, for stages finished in the year."""
    durations: dict[str, list[int]] = defaultdict(list)
    states = TaskState.objects.filter(finished_at__year=year).select_related("task")
    for state in states:
        started = timezone.localtime(state.started_at).date()
        finished = timezone.localtime(state.finished_at).date()
        durations[state.task.name].append(working_days_between(started, finished))
    rows = [
        [name, len(values), round(sum(values) / len(values), 1), max(values)]
        for name, values in sorted(durations.items())
    ]
    return Table(
        "thoi-gian",
        _("Thời gian xử lý các bước duyệt (ngày làm việc)"),
        [_("Bước duyệt"), _("Số lượt"), _("Trung bình"), _("Lâu nhất")],
        rows,
        chart=True,
    )


def summary_table(year: int, tables: list[Table]) -> Table:
    by_key = {t.key: t for t in tables}
    registrations = by_key["dang-ky"].rows
    return Table(
        "tong-hop",
        _("Tổng hợp năm %(year)s") % {"year": year},
        [_("Chỉ tiêu"), _("Số lượng")],
        [
            [_("Gương điển hình đề xuất"), sum(r[2] for r in by_key["don-vi"].rows)],
            [_("Gương điển hình đăng tải"), sum(r[3] for r in by_key["don-vi"].rows)],
            [_("Đăng ký thi đua đã xác nhận"), sum(1 for r in registrations if r[2])],
            [_("Đăng ký thi đua đúng hạn"), sum(1 for r in registrations if r[4] == _("Đúng hạn"))],
            [
                _("Sáng kiến được công nhận"),
                Initiative.objects.filter(year=year, status=InitiativeStatus.RECOGNISED).count(),
            ],
            [_("Đề nghị được khen thưởng"), sum(r[5] for r in by_key["de-nghi"].rows)],
            [_("Khen thưởng đã quyết định"), len(by_key["khen-thuong"].rows)],
        ],
    )


def build_report(year: int, unit_ids: set[int] | None = None) -> YearReport:
    """The report of `year`, for every unit or for `unit_ids` only."""
    tables = [
        *exemplar_tables(year, unit_ids),
        registration_table(year, unit_ids),
        initiative_table(year, unit_ids),
        nomination_table(year, unit_ids),
        eligibility_table(year, unit_ids),
        award_table(year, unit_ids),
    ]
    if unit_ids is None:
        tables.append(stage_table(year))
    return YearReport(year, [summary_table(year, tables), *tables])


def to_xlsx(report: YearReport) -> bytes:
    """A workbook with one sheet per table (sheet names are the tables' keys)."""
    # Imported here: openpyxl costs every app server about 10 MB of memory for a rare export
    # (tests/vksnd/test_startup_imports.py).
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables:
        sheet = workbook.create_sheet(table.key[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.headers)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
        # openpyxl writes a text starting with "=" as a formula: names typed by units stay text.
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(report: YearReport) -> str:
    """Every table in one CSV: a title line, the headers, the rows, then an empty line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for table in report.tables:
        writer.writerow([f"# {table.title}"])
        writer.writerow([neutralise(value) for value in table.headers])
        writer.writerows([neutralise(value) for value in row] for row in table.rows)
        writer.writerow([])
    return buffer.getvalue()
