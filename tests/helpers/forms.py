"""Admin form data for the page types, as the page editor posts it."""

from __future__ import annotations

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def exemplar_form(unit, awards=(), body_html="<p>Bài viết.</p>", **overrides) -> dict:
    data = {
        "title": "Nguyễn Văn Mẫu (dữ liệu mẫu)",
        "kind": "individual",
        "position": "Kiểm sát viên trung cấp",
        "unit": unit.pk if unit else "",
        "lead": "Một cán bộ mẫu có nhiều thành tích.",
        "achievement_period": "2021 - 2024",
        "achievements": streamfield([("achievement", "Giải quyết 100% vụ án đúng hạn.")]),
        "awards": inline_formset(list(awards)),
        "body": streamfield([("paragraph", rich_text(body_html))]),
        "tags": "",
        "slug": "nguyen-van-mau-du-lieu-mau",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def award_row(award_form, number="1136/QĐ-UBND", date="03/06/2024") -> dict:
    return {
        "award_form": award_form.pk,
        "kind": "",
        "status": "received",
        "title": "Bằng khen của Chủ tịch UBND tỉnh Bình Thuận",
        "decision_number": number,
        "decision_date": date,
        "issuing_authority": "Ủy ban nhân dân tỉnh Bình Thuận",
        "decision_document": "",
    }


def campaign_form(unit, **overrides) -> dict:
    data = {
        "title": "Phong trào thi đua yêu nước năm 2023",
        "document_number": "02/CT-VKSTC",
        "issue_date": "27/12/2022",
        "issuing_unit": unit.pk,
        "period_year": "2023",
        "period_start": "",
        "period_end": "",
        "theme": "Đoàn kết, gương mẫu, trách nhiệm, vượt khó, hoàn thành xuất sắc nhiệm vụ năm 2023",
        "motto": "Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, hiệu quả",
        "status": "launched",
        "lead": "",
        "body": streamfield([]),
        "documents": inline_formset([]),
        "slug": "phong-trao-thi-dua-yeu-nuoc-nam-2023",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def news_form(unit, **overrides) -> dict:
    data = {
        "title": "Ký kết Quy chế phối hợp tuyên truyền gương điển hình",
        "date": "31/03/2021",
        "author": "",
        "unit": unit.pk,
        "lead": "Bốn đơn vị ký kết Quy chế phối hợp.",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
        "tags": "",
        "slug": "ky-ket-quy-che-phoi-hop",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def unit_news_form(unit, **overrides) -> dict:
    data = {
        "title": "VKSND tỉnh Lâm Đồng sơ kết phong trào thi đua 6 tháng (dữ liệu mẫu)",
        "date": "15/07/2025",
        "unit": unit.pk,
        "lead": "Đơn vị sơ kết phong trào thi đua và biểu dương các điển hình.",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung tin hoạt động.</p>"))]),
        "slug": "so-ket-phong-trao-thi-dua-6-thang",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def plan_form(unit, **overrides) -> dict:
    data = {
        "title": "Kế hoạch tuyên truyền, giới thiệu gương điển hình tiên tiến",
        "number": "293/KH-VKS",
        "date": "10/04/2025",
        "unit": unit.pk,
        "campaign": "",
        "document": "",
        "body": streamfield([("paragraph", rich_text("<p>Mục đích, yêu cầu.</p>"))]),
        "slug": "ke-hoach-tuyen-truyen-guong-dien-hinh",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def listblock(values: list) -> dict:
    """A ListBlock's form data, as the admin posts it."""
    data = {"count": len(values)}
    for index, value in enumerate(values):
        data[str(index)] = {"value": value, "deleted": "", "order": index, "id": ""}
    return data


def schedule_item(content: str, **fields) -> dict:
    return {
        "content": content,
        "who": fields.get("who", ""),
        "department": fields.get("department", ""),
        "location": fields.get("location", ""),
        "participants": fields.get("participants", ""),
        "duration_days": fields.get("duration_days", ""),
    }


def schedule_day(date: str, slots=(), duty: bool = False, roster=()) -> tuple[str, dict]:
    """A day of a weekly schedule: `slots` as (time, [items]) pairs, `roster` as (who, task)."""
    value = {
        "date": date,
        "slots": listblock([{"time": time, "items": listblock(list(items))} for time, items in slots]),
        "duty_roster": listblock([{"who": who, "task": task} for who, task in roster]),
        "note": "",
    }
    if duty:
        value["duty"] = "on"
    return ("day", value)


def schedule_form(week: str, days: list, **overrides) -> dict:
    data = {"week_start": week, "days": streamfield(days)}
    data.update(overrides)
    return nested_form_data(data)
