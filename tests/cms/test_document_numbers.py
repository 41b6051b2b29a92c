"""Document numbers (Decree 30/2020/NĐ-CP), table-driven with the numbers of the seeds and DOMAIN.md."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cms.docnumbers import parse_document_number

# (as written or pasted, canonical text, type, issuer, drafter, year)
ACCEPTED = [
    # seed 000: an official letter carries no type; V16 drafted it
    ("927/VKSTC-V16", "927/VKSTC-V16", None, "VKSTC", "V16", None),
    # seed 004: the directive, and the Party's numbering of Directive 35-CT/TW (14/6/2024)
    ("02/CT-VKSTC", "02/CT-VKSTC", "CT", "VKSTC", None, None),
    ("35-CT/TW", "35-CT/TW", "CT", "TW", None, None),
    # seed 001: the plan and the two decisions of the Chairman of the Bình Thuận People's Committee
    ("293/KH-VKS", "293/KH-VKS", "KH", "VKS", None, None),
    ("1136/QĐ-UBND", "1136/QĐ-UBND", "QĐ", "UBND", None, None),
    ("1879/QĐ-UBND", "1879/QĐ-UBND", "QĐ", "UBND", None, None),
    # DOMAIN.md: circulars with their year, the decree, the law, the resolutions
    ("02/2024/TT-VKSTC", "02/2024/TT-VKSTC", "TT", "VKSTC", None, 2024),
    ("01/2019/TT-VKSTC", "01/2019/TT-VKSTC", "TT", "VKSTC", None, 2019),
    ("152/2025/NĐ-CP", "152/2025/NĐ-CP", "NĐ", "CP", None, 2025),
    ("98/2023/NĐ-CP", "98/2023/NĐ-CP", "NĐ", "CP", None, 2023),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "NĐ", "CP", None, 2020),
    ("06/2022/QH15", "06/2022/QH15", None, "QH15", None, 2022),
    ("202/2025/QH15", "202/2025/QH15", None, "QH15", None, 2025),
    ("1403/NQ-UBTVQH15", "1403/NQ-UBTVQH15", "NQ", "UBTVQH15", None, None),
    # Decree 30/2020 types refused before: quy định, chương trình, tờ trình
    ("15/QyĐ-VKSTC", "15/QyĐ-VKSTC", "QyĐ", "VKSTC", None, None),
    ("07/CTr-VKSTC", "07/CTr-VKSTC", "CTr", "VKSTC", None, None),
    ("12/TTr-VKS", "12/TTr-VKS", "TTr", "VKS", None, None),
    # pastes: Icelandic eth for Đ, en and em dashes, spaces, a type without its diacritic
    ("1136/Q\u00d0-UBND", "1136/QĐ-UBND", "QĐ", "UBND", None, None),
    ("1136/QĐ\u2013UBND", "1136/QĐ-UBND", "QĐ", "UBND", None, None),
    ("927/VKSTC\u2014V16", "927/VKSTC-V16", None, "VKSTC", "V16", None),
    (" 1136 / QĐ-UBND ", "1136/QĐ-UBND", "QĐ", "UBND", None, None),
    ("1136/QD-UBND", "1136/QĐ-UBND", "QĐ", "UBND", None, None),
    ("152/2025/ND-CP", "152/2025/NĐ-CP", "NĐ", "CP", None, 2025),
    ("35\u2013CT/TW", "35-CT/TW", "CT", "TW", None, None),
    # "HD" is hướng dẫn, "HĐ" hợp đồng: neither is read as the other
    ("05/HD-VKSTC", "05/HD-VKSTC", "HD", "VKSTC", None, None),
    ("05/HĐ-VKSTC", "05/HĐ-VKSTC", "HĐ", "VKSTC", None, None),
]

REFUSED = [
    ("1/A", "missing_type"),
    ("99/XYZ", "missing_type"),
    ("1136/2024", "missing_issuer"),
    ("1136/QĐ", "missing_type"),
    ("0/QĐ-UBND", "zero_number"),
    ("1136/QĐ-ubnd", "lowercase_issuer"),
    ("CT 02", "invalid_document_number"),
    ("1136/XX-UBND/", "invalid_document_number"),
    ("35-ZZ/TW", "invalid_document_number"),
    ("", "invalid_document_number"),
]


@pytest.mark.parametrize(("written", "canonical", "doc_type", "issuer", "drafter", "year"), ACCEPTED)
def test_real_numbers_are_read_and_shown_canonically(written, canonical, doc_type, issuer, drafter, year):
    number = parse_document_number(written)
    assert (number.text, number.doc_type, number.issuer, number.drafter, number.year) == (
        canonical,
        doc_type,
        issuer,
        drafter,
        year,
    )


@pytest.mark.parametrize(("written", "code"), REFUSED)
def test_malformed_numbers_are_refused_with_a_reason(written, code):
    with pytest.raises(ValidationError) as caught:
        parse_document_number(written)
    assert caught.value.code == code
    assert caught.value.messages[0].startswith(("Số văn bản", "Số thứ tự", "Tên viết tắt"))


def test_a_type_without_its_diacritic_is_the_type_not_an_issuer():
    number = parse_document_number("1136/QD-UBND")
    assert number.doc_type == "QĐ"
    assert number.issuer == "UBND"
    assert number.type_label == "Quyết định"


def test_party_numbers_are_marked_as_such():
    assert parse_document_number("35-CT/TW").party is True
    assert parse_document_number("02/CT-VKSTC").party is False
