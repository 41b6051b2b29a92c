"""
A unit's weekly work schedule (lịch công tác tuần): the blocks of its form, the Vietnamese
formats it is printed in ("Thứ 2, 08/7/2024", "07h30"), and the plain data the site, the
content API and the iCalendar feed all read (`schedule_data`), so the three never disagree.

Seed 004 (VKSND tỉnh Bình Thuận, 08–14/7/2024) shows the shape: days, time slots, one or more
items per slot (what, who, the reporting department, where, participants, a duration for
items that run several days, "(2,5 ngày)"), and on weekends the duty roster.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

WEEKDAY_LABELS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")
TIME_PATTERN = re.compile(r"^\s*(\d{1,2})\s*[hH:.]\s*(\d{2})?\s*$")
# Where a half day ends for a multi-day item (office hours of the procuracy).
MORNING_ENDS = datetime.time(12, 0)
AFTERNOON_ENDS = datetime.time(17, 0)


def monday_of(day: datetime.date) -> datetime.date:
    """The Monday that starts the ISO week of `day`."""
    return day - datetime.timedelta(days=day.weekday())


def iso_week_label(monday: datetime.date) -> str:
    """ "2024-W28": the ISO week, as the API and the addresses name it."""
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_iso_week(value: str) -> datetime.date:
    """The Monday of "2024-W28" (or of the week of a date "2024-07-10"); ValueError otherwise."""
    value = (value or "").strip()
    match = re.fullmatch(r"(\d{4})-?W(\d{2})", value, flags=re.IGNORECASE)
    if match:
        return datetime.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return monday_of(datetime.date.fromisoformat(value))
    raise ValueError(value)


def format_day(day: datetime.date) -> str:
    """ "Thứ 2, 08/7/2024": the day as the printed schedule writes it (month without a zero)."""
    return f"{WEEKDAY_LABELS[day.weekday()]}, {day.day:02d}/{day.month}/{day.year}"


def format_time(value: datetime.time) -> str:
    """ "07h30"."""
    return f"{value.hour:02d}h{value.minute:02d}"


def format_days(value: Decimal | float | None) -> str:
    """ "2,5 ngày" (Vietnamese decimal comma); empty without a duration."""
    if not value:
        return ""
    text = f"{Decimal(str(value)).normalize():f}".replace(".", ",")
    return f"{text} ngày"


def parse_time(value: str) -> datetime.time:
    """ "07h30", "7h30", "7h", "07:30" → time; ValueError outside 00h00–23h59."""
    match = TIME_PATTERN.match(value or "")
    if not match:
        raise ValueError(value)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(value)
    return datetime.time(hour, minute)


def item_span(day: datetime.date, start: datetime.time, days: Decimal | None) -> datetime.datetime | None:
    """
    When a multi-day item ends, counted in half days from the half it starts in: "(2,5 ngày)"
    from Tuesday 08h00 ends Thursday at noon; from Wednesday 14h00, Friday at the end of the
    office day. None for an item without a duration.
    """
    if not days:
        return None
    halves = max(1, int((Decimal(str(days)) * 2).to_integral_value()))
    first_half = 0 if start < MORNING_ENDS else 1
    last = first_half + halves - 1
    end_day = day + datetime.timedelta(days=last // 2)
    return datetime.datetime.combine(end_day, MORNING_ENDS if last % 2 == 0 else AFTERNOON_ENDS)


# Blocks ------------------------------------------------------------------------------------


class SlotTimeBlock(blocks.CharBlock):
    """A time as the schedule prints it ("07h30"); stored that way, checked to be a real time."""

    def __init__(self, **kwargs):
        super().__init__(max_length=8, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return format_time(parse_time(value))
        except ValueError:
            raise ValidationError(
                _("Giờ “%(value)s” không hợp lệ: ghi trong khoảng 00h00–23h59, ví dụ 07h30."),
                params={"value": value},
            ) from None


class ItemBlock(blocks.StructBlock):
    """One line of a time slot: what happens, and who, with whom, where."""

    content = blocks.TextBlock(
        label=_("Nội dung công việc"),
        required=False,
        help_text=_("Ví dụ: Họp Ban cán sự đảng, Lãnh đạo Viện nghe Phòng 15 báo cáo công tác."),
    )
    who = blocks.CharBlock(
        label=_("Chủ trì / người thực hiện"),
        required=False,
        max_length=200,
        help_text=_("Ví dụ: Đ/c Viện trưởng; Đ/c Thanh - PVT; Lãnh đạo Viện."),
    )
    department = blocks.CharBlock(
        label=_("Đơn vị báo cáo"), required=False, max_length=200, help_text=_("Ví dụ: Phòng 15.")
    )
    location = blocks.CharBlock(
        label=_("Địa điểm"), required=False, max_length=200, help_text=_("Ví dụ: tại Tỉnh ủy.")
    )
    participants = blocks.CharBlock(
        label=_("Thành phần"),
        required=False,
        max_length=300,
        help_text=_("Ví dụ: Toàn thể đảng viên cơ quan."),
    )
    duration_days = blocks.DecimalBlock(
        label=_("Số ngày"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("31"),
        decimal_places=1,
        help_text=_("Chỉ với công việc kéo dài nhiều ngày, ví dụ 2,5."),
    )

    class Meta:
        label = _("Công việc")
        icon = "list-ul"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("content") or "").strip():
            raise StructBlockValidationError(
                block_errors={"content": ValidationError(_("Công việc không được để trống nội dung."))}
            )
        return value


class SlotBlock(blocks.StructBlock):
    """A time slot ("08h00") and its items; several leaders may have items at the same time."""

    time = SlotTimeBlock(label=_("Giờ"), help_text=_("Ví dụ: 07h30."))
    items = blocks.ListBlock(ItemBlock(), label=_("Các công việc"))

    class Meta:
        label = _("Khung giờ")
        icon = "time"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("items"):
            raise StructBlockValidationError(
                block_errors={"items": ValidationError(_("Khung giờ phải có ít nhất một công việc."))}
            )
        return value


class DutyBlock(blocks.StructBlock):
    """One line of the duty roster of a day."""

    who = blocks.CharBlock(label=_("Người trực"), max_length=200, help_text=_("Ví dụ: Đ/c Thanh - PVT."))
    task = blocks.CharBlock(
        label=_("Nhiệm vụ trực"), required=False, max_length=200, help_text=_("Ví dụ: Lãnh đạo trực.")
    )

    class Meta:
        label = _("Người trực")
        icon = "user"


class DayBlock(blocks.StructBlock):
    """A day of the week: its slots and its duty roster (Phân công trực nghiệp vụ)."""

    date = blocks.DateBlock(label=_("Ngày"), format="%d/%m/%Y")
    slots = blocks.ListBlock(SlotBlock(), label=_("Khung giờ"), default=[])
    duty = blocks.BooleanBlock(
        label=_("Phân công trực nghiệp vụ"),
        required=False,
        help_text=_("Đánh dấu khi ngày này có phân công trực nghiệp vụ (thường là thứ 7, chủ nhật)."),
    )
    duty_roster = blocks.ListBlock(DutyBlock(), label=_("Danh sách trực"), default=[])
    note = blocks.CharBlock(label=_("Ghi chú của ngày"), required=False, max_length=300)

    class Meta:
        label = _("Ngày")
        icon = "date"
        form_classname = "schedule-day"


class ScheduleBlock(blocks.StreamBlock):
    day = DayBlock()

    class Meta:
        block_counts = {"day": {"max_num": 7}}


# Plain data ---------------------------------------------------------------------------------


def _item_data(item, day: datetime.date, start: datetime.time) -> dict:
    days = item.get("duration_days")
    ends = item_span(day, start, days)
    return {
        "content": (item.get("content") or "").strip(),
        "who": item.get("who") or "",
        "department": item.get("department") or "",
        "location": item.get("location") or "",
        "participants": item.get("participants") or "",
        "duration_days": float(days) if days else None,
        "duration_label": format_days(days),
        "ends_at": ends.isoformat() if ends else None,
    }


def days_data(days_value) -> list[dict]:
    """The days of a schedule (its StreamField value) in date order, slots in time order."""
    result = []
    for block in days_value or []:
        value = block.value
        day = value.get("date")
        if day is None:
            continue
        slots = []
        for slot in value.get("slots") or []:
            try:
                start = parse_time(slot.get("time") or "")
            except ValueError:
                continue
            slots.append(
                {
                    "time": format_time(start),
                    "starts_at": datetime.datetime.combine(day, start).isoformat(),
                    "items": [_item_data(item, day, start) for item in slot.get("items") or []],
                }
            )
        slots.sort(key=lambda slot: slot["time"])
        result.append(
            {
                "date": day.isoformat(),
                "label": format_day(day),
                "slots": slots,
                "duty": bool(value.get("duty")) or bool(value.get("duty_roster")),
                "duty_roster": [
                    {"who": row.get("who") or "", "task": row.get("task") or ""}
                    for row in value.get("duty_roster") or []
                ],
                "note": value.get("note") or "",
            }
        )
    result.sort(key=lambda day: day["date"])
    return result


def shifted_days(days_value, by: datetime.timedelta) -> list[tuple[str, dict]]:
    """The raw stream data of `days_value`, every date moved by `by` (copy last week's)."""
    raw = []
    for block in days_value or []:
        data = block.block.get_prep_value(block.value)
        day = data.get("date")
        if isinstance(day, str) and day:
            day = datetime.date.fromisoformat(day)
        if day:
            data["date"] = (day + by).isoformat()
        raw.append(("day", block.block.to_python(data)))
    return raw
