"""What editors still met in English or in awkward Vietnamese now reads in Vietnamese."""

import json
import re
from datetime import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from wagtail_localize import models as localize_models

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("value", "title"), [(True, "Có"), (False, "Không"), (None, "Không rõ")])
def test_yes_no_columns_title_their_icons_in_words(value, title):
    with translation.override("vi"):
        html = render_to_string("wagtailadmin/tables/boolean_cell.html", {"value": value, "column": None})
    assert re.search(rf'class="w-sr-only">\s*{title}\s*<', html)
    assert "True" not in html and "False" not in html and "None" not in html


def test_translated_strings_are_dated_day_month_year():
    translation_ = localize_models.StringTranslation(
        translation_type=localize_models.StringTranslation.TRANSLATION_TYPE_MANUAL,
        updated_at=datetime(2026, 12, 1, 9, 0),
    )
    with translation.override("vi"):
        assert translation_.get_comment() == "Đã dịch thủ công vào 01/12/2026"


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Create alias", "Tạo trang đồng bộ"),
        ("Task states", "trạng thái bước duyệt"),
        (
            "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/",
            "Tên trang dùng trong đường dẫn, ví dụ: https://vksnd.gov.vn/guong-dien-hinh/[ten-trang]/",
        ),
    ],
)
def test_wagtails_phrases_read_in_plain_vietnamese(msgid, expected):
    with translation.override("vi"):
        assert gettext(msgid) == expected


def test_a_stage_and_its_approver_are_not_run_together():
    with translation.override("vi"):
        phrase = gettext("Approved by %(approved_by)s") % {"approved_by": "Lãnh đạo VKSND tỉnh Lâm Đồng"}
    assert phrase.startswith("— ")


def test_inline_lists_add_a_child_in_lower_case():
    from exemplar_pages.models import ExemplarPage

    def panels(panel):
        yield panel
        for child in getattr(panel, "children", []):
            yield from panels(child)

    handler = ExemplarPage.get_edit_handler()
    panel = next(p for p in panels(handler) if getattr(p, "relation_name", "") == "awards")
    with translation.override("vi"):
        assert f"Thêm {panel.label}" == "Thêm khen thưởng"


def test_the_api_docs_page_is_titled_and_introduced_in_vietnamese(client):
    html = client.get("/api/content/v1/docs/").content.decode()
    assert "<title>Tài liệu API nội dung VKSND</title>" in html
    assert 'lang="vi"' in html and 'id="swagger-ui" lang="en"' in html
    assert '"validatorUrl": null' in html


def test_the_translation_editor_gets_its_english_only_phrases_in_vietnamese(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "translations/editor_words.js" in html
    for phrase in ("Bản dịch từ %(source)s sang %(target)s", "Thao tác khác"):
        assert json.dumps(phrase)[1:-1] in html


@pytest.mark.parametrize(("value", "text"), [(True, "Có"), (False, "Không"), ("3", "3")])
def test_plain_columns_write_yes_no_fields_in_words(value, text):
    with translation.override("vi"):
        html = render_to_string("wagtailadmin/tables/cell.html", {"value": value, "column": None})
    assert html.split("<td >")[1].split("</td>")[0].strip() == text
