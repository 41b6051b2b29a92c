"""
Demo weekly schedules: Bình Thuận's of 08–14/7/2024 as seed 004 prints it (in the ended unit's
folder, its archive), and a sample schedule for the current week of VKSND tỉnh Lâm Đồng,
labelled as sample data. Idempotent: a week that exists is left as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from wagtail.models import Locale

from cms.models import Unit

from .models import UnitFolderPage, WeeklySchedulePage
from .models.schedule import schedule_slug, schedule_title
from .schedules import ScheduleBlock, monday_of

BINH_THUAN = "VKS-BINHTHUAN"
LAM_DONG = "VKS-LAMDONG-2025"
SEED_004_WEEK = datetime.date(2024, 7, 8)

Item = tuple[str, dict]


def _item(content: str, **fields) -> dict:
    return {
        "content": content,
        "who": fields.get("who", ""),
        "department": fields.get("department", ""),
        "location": fields.get("location", ""),
        "participants": fields.get("participants", ""),
        "duration_days": fields.get("duration_days"),
    }


def _day(
    day: datetime.date, slots: Iterable[tuple[str, list[dict]]] = (), duty: bool = False
) -> tuple[str, dict]:
    block = ScheduleBlock().child_blocks["day"]
    data = {
        "date": day.isoformat(),
        "slots": [{"time": time, "items": items} for time, items in slots],
        "duty": duty,
        "duty_roster": [],
        "note": "",
    }
    return ("day", block.to_python(data))


def seed_004_days() -> list[tuple[str, dict]]:
    """Lịch công tác of Viện KSND tỉnh Bình Thuận, 08–14/7/2024 (seed 004), line by line."""
    d = [SEED_004_WEEK + datetime.timedelta(days=n) for n in range(7)]
    hoi_thao = "Hội thao truyền thống chào mừng kỷ niệm 64 năm thành lập ngành Kiểm sát nhân dân"
    return [
        _day(
            d[0],
            [
                (
                    "07h30",
                    [_item("Chào cờ và nghe các câu chuyện về tư tưởng, đạo đức, phong cách Hồ Chí Minh.")],
                ),
                (
                    "08h00",
                    [
                        _item(
                            "Đ/c Viện trưởng dự Hội nghị trực tuyến giao ban 06 tháng đầu năm hoạt động của Ban "
                            "Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh, thành phố trực thuộc Trung ương tại "
                            "Tỉnh ủy.",
                            who="Đ/c Viện trưởng",
                            location="tại Tỉnh ủy",
                        )
                    ],
                ),
                (
                    "14h00",
                    [
                        _item(
                            "Họp Ban cán sự đảng, Lãnh đạo Viện nghe Phòng 15 báo cáo công tác.",
                            who="Lãnh đạo Viện",
                            department="Phòng 15",
                        )
                    ],
                ),
                ("15h00", [_item("Họp Đảng ủy.")]),
            ],
        ),
        _day(
            d[1],
            [
                (
                    "08h00",
                    [
                        _item(
                            "Hội nghị trực tuyến quán triệt quy định chuẩn mực đạo đức cách mạng của cán bộ, đảng "
                            "viên trong giai đoạn mới do Ban Tuyên giáo Trung ương tổ chức",
                            participants="Toàn thể đảng viên cơ quan",
                        ),
                        _item("Đ/c Viện trưởng họp HĐND tỉnh", who="Đ/c Viện trưởng", duration_days="2.5"),
                    ],
                ),
                (
                    "14h00",
                    [
                        _item(
                            "Đ/c Thanh - PVT nghe Phòng 1 báo cáo án.",
                            who="Đ/c Thanh - PVT",
                            department="Phòng 1",
                        ),
                        _item(
                            "Đ/c Liên - PVT nghe Phòng 9 báo cáo án.",
                            who="Đ/c Liên - PVT",
                            department="Phòng 9",
                        ),
                        _item(
                            "Đ/c Thảo - PVT nghe Phòng 7 báo cáo án.",
                            who="Đ/c Thảo - PVT",
                            department="Phòng 7",
                        ),
                    ],
                ),
                (
                    "15h00",
                    [
                        _item(
                            "Tổng vệ sinh cơ quan (từ 15h00 dọn trong phòng làm việc, hành lang; từ 16h00 tập "
                            "trung dọn phòng đọc báo, khuôn viên cơ quan)."
                        )
                    ],
                ),
            ],
        ),
        _day(d[2], [("14h00", [_item(hoi_thao, duration_days="2.5")])]),
        _day(
            d[3],
            [
                (
                    "08h00",
                    [
                        _item(
                            "Đ/c Thanh - PVT nghe Phòng 1 báo cáo án.",
                            who="Đ/c Thanh - PVT",
                            department="Phòng 1",
                        ),
                        _item(
                            "Đ/c Liên - PVT nghe Phòng 9 báo cáo án.",
                            who="Đ/c Liên - PVT",
                            department="Phòng 9",
                        ),
                        _item(
                            "Đ/c Thảo - PVT nghe Phòng 8 báo cáo công tác.",
                            who="Đ/c Thảo - PVT",
                            department="Phòng 8",
                        ),
                    ],
                ),
                (
                    "14h00",
                    [
                        _item(
                            "Lãnh đạo Viện nghe Phòng 1 báo cáo án.",
                            who="Lãnh đạo Viện",
                            department="Phòng 1",
                        )
                    ],
                ),
            ],
        ),
        _day(
            d[4],
            [
                (
                    "08h00",
                    [
                        _item(
                            "Đ/c Viện trưởng dự Hội nghị cán bộ chủ chốt toàn tỉnh quán triệt, triển khai Chỉ "
                            "thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị và Kế hoạch của Tỉnh ủy về đại hội "
                            "đảng bộ các cấp nhiệm kỳ 2025 - 2030 tại Tỉnh ủy.",
                            who="Đ/c Viện trưởng",
                            location="tại Tỉnh ủy",
                        )
                    ],
                ),
                ("15h30", [_item(f"Lễ bế mạc {hoi_thao[0].lower()}{hoi_thao[1:]} (26/7/1960 - 26/7/2024).")]),
            ],
        ),
        _day(d[5], duty=True),
        _day(d[6], duty=True),
    ]


def sample_days(monday: datetime.date) -> list[tuple[str, dict]]:
    """A plausible week for a current unit, every line marked as sample data."""
    d = [monday + datetime.timedelta(days=n) for n in range(7)]
    sample = " (dữ liệu mẫu)"
    return [
        _day(
            d[0],
            [
                ("07h30", [_item("Chào cờ đầu tuần" + sample + ".")]),
                (
                    "08h00",
                    [
                        _item(
                            "Giao ban Lãnh đạo Viện" + sample + ".",
                            who="Lãnh đạo Viện",
                            location="tại phòng họp số 1",
                        )
                    ],
                ),
            ],
        ),
        _day(
            d[1],
            [
                (
                    "14h00",
                    [
                        _item(
                            "Nghe Phòng 1 báo cáo án" + sample + ".",
                            who="Đ/c Phó Viện trưởng",
                            department="Phòng 1",
                        ),
                        _item(
                            "Nghe Phòng 7 báo cáo án" + sample + ".",
                            who="Đ/c Phó Viện trưởng",
                            department="Phòng 7",
                        ),
                    ],
                )
            ],
        ),
        _day(
            d[2],
            [
                (
                    "08h00",
                    [
                        _item(
                            "Kiểm tra công tác kiểm sát tại Viện KSND khu vực" + sample + ".",
                            who="Đ/c Viện trưởng",
                            duration_days="1.5",
                        )
                    ],
                )
            ],
        ),
        _day(
            d[4],
            [
                (
                    "14h00",
                    [
                        _item(
                            "Sơ kết phong trào thi đua" + sample + ".",
                            participants="Toàn thể công chức, người lao động cơ quan",
                        )
                    ],
                )
            ],
        ),
        _day(d[5], duty=True),
        _day(d[6], duty=True),
    ]


def ensure_schedule(unit: Unit, monday: datetime.date, days, *, sample: bool) -> bool:
    folder = UnitFolderPage.objects.get(unit=unit, locale=Locale.get_default())
    if WeeklySchedulePage.objects.filter(unit=unit, week_start=monday).exists():
        return False
    page = WeeklySchedulePage(
        title=schedule_title(monday),
        slug=schedule_slug(monday),
        unit=unit,
        week_start=monday,
        days=days,
        is_sample=sample,
        live=False,
    )
    folder.add_child(instance=page)
    page.save_revision(user=None, log_action=True).publish(user=None)
    return True


def load_demo_schedules(today: datetime.date) -> tuple[int, int]:
    """The two demo schedules, published when missing; returns (created, already present)."""
    results = []
    binh_thuan = Unit.objects.filter(code=BINH_THUAN).first()
    if binh_thuan is not None:
        results.append(ensure_schedule(binh_thuan, SEED_004_WEEK, seed_004_days(), sample=False))
    lam_dong = Unit.objects.filter(code=LAM_DONG).first()
    if lam_dong is not None:
        monday = monday_of(today)
        results.append(ensure_schedule(lam_dong, monday, sample_days(monday), sample=True))
    return sum(results), len(results) - sum(results)
