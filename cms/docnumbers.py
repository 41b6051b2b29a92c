"""
Vietnamese official document numbers: `số[/năm]/[loại-]cơ quan[-đơn vị soạn thảo]`.

Examples: `927/VKSTC-V16` (a letter: no type, V16 drafted it), `02/CT-VKSTC` (directive),
`293/KH-VKS` (plan), `1136/QĐ-UBND` (decision), `02/2024/TT-VKSTC` (circular, with year),
`06/2022/QH15` (a law), and the Party's own numbering `35-CT/TW` (number, hyphen, type,
then the issuing body). Shown as written, prefixed "Số:".

Pastes are forgiven, not refused: the Icelandic eth "Ð" (U+00D0) is read as "Đ", dashes
(en, em, minus) as hyphens, and a type typed without its diacritic ("QD") as the type
("QĐ"), never as an issuer called "QD". What is refused is a number that names no issuing
body ("1136/2024") or a bare "number/name" that is neither a letter (which names its
drafting unit, 927/VKSTC-V16) nor a typed document ("1/A", "99/XYZ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.text import normalize

# Types of documents (Decree 30/2020/NĐ-CP, Appendix III, and the legal documents of Law
# 80/2015/QH13) met in this domain, with the Party's "KL" (kết luận).
DOCUMENT_TYPES = {
    "BB": _("Biên bản"),
    "BC": _("Báo cáo"),
    "CĐ": _("Công điện"),
    "CT": _("Chỉ thị"),
    "CTr": _("Chương trình"),
    "CV": _("Công văn"),
    "ĐA": _("Đề án"),
    "DA": _("Dự án"),
    "GM": _("Giấy mời"),
    "GUQ": _("Giấy ủy quyền"),
    "HD": _("Hướng dẫn"),
    "HĐ": _("Hợp đồng"),
    "KH": _("Kế hoạch"),
    "KL": _("Kết luận"),
    "NĐ": _("Nghị định"),
    "NQ": _("Nghị quyết"),
    "PA": _("Phương án"),
    "QC": _("Quy chế"),
    "QĐ": _("Quyết định"),
    "QyĐ": _("Quy định"),
    "TB": _("Thông báo"),
    "TT": _("Thông tư"),
    "TTr": _("Tờ trình"),
}
# How people type a type without its diacritic or in capitals. "HD" and "DA" are types of
# their own (hướng dẫn, dự án), so they are never read as "HĐ" or "ĐA".
TYPE_SPELLINGS = {
    **{code.upper(): code for code in DOCUMENT_TYPES},
    "QD": "QĐ",
    "ND": "NĐ",
    "CD": "CĐ",
    "QYD": "QyĐ",
}
# Pasted look-alikes: Icelandic eth for Đ, and every dash for a hyphen.
_PASTE_FIXES = str.maketrans(
    {"\u00d0": "Đ", "\u00f0": "đ", "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-"}
)
_PART = r"[A-Za-zĐđ0-9]+"
_NUMBER_RE = re.compile(
    r"^(?P<number>\d{1,6})"
    r"(?:/(?P<year>(?:19|20)\d{2}))?"
    rf"/(?P<rest>{_PART}(?:-{_PART})*)$"
)
# The Party's numbering: 35-CT/TW, 27-NQ/TW, 05-QĐ/TU.
_PARTY_RE = re.compile(rf"^(?P<number>\d{{1,6}})-(?P<type>[A-Za-zĐđ]+)/(?P<rest>{_PART}(?:-{_PART})*)$")


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed document number."""

    number: int
    year: int | None
    doc_type: str | None
    issuer: str
    drafter: str | None
    text: str
    party: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def type_label(self) -> str:
        """The type in words ("Quyết định"), empty for a letter."""
        return str(DOCUMENT_TYPES[self.doc_type]) if self.doc_type else ""


def _invalid(value: str) -> ValidationError:
    return ValidationError(
        _(
            "Số văn bản “%(value)s” không đúng định dạng. Ví dụ hợp lệ: 1136/QĐ-UBND, "
            "02/2024/TT-VKSTC, 927/VKSTC-V16."
        ),
        code="invalid_document_number",
        params={"value": value},
    )


def _document_type(text: str) -> str | None:
    """The canonical type for how it was typed ("QD", "qđ" -> "QĐ"), or None."""
    if text in DOCUMENT_TYPES:
        return text
    return TYPE_SPELLINGS.get(text.upper())


def _check_issuer(parts: list[str], value: str) -> None:
    if not parts:
        raise ValidationError(
            _("Số văn bản “%(value)s” thiếu tên viết tắt của cơ quan ban hành (ví dụ: QĐ-UBND)."),
            code="missing_issuer",
            params={"value": value},
        )
    if any(part != part.upper() for part in parts):
        raise ValidationError(
            _("Tên viết tắt của cơ quan trong số văn bản “%(value)s” phải viết in hoa."),
            code="lowercase_issuer",
            params={"value": value},
        )
    if not re.search(r"[A-ZĐ]", parts[0]):
        raise ValidationError(
            _("Số văn bản “%(value)s” thiếu tên viết tắt của cơ quan ban hành (ví dụ: QĐ-UBND)."),
            code="missing_issuer",
            params={"value": value},
        )


def _check_number(number: str, value: str) -> None:
    if int(number) == 0:
        raise ValidationError(
            _("Số thứ tự của văn bản “%(value)s” phải lớn hơn 0."),
            code="zero_number",
            params={"value": value},
        )


def _parse_party(match: re.Match, value: str) -> DocumentNumber:
    doc_type = _document_type(match["type"])
    if doc_type is None:
        raise _invalid(value)
    parts = match["rest"].split("-")
    _check_issuer(parts, value)
    _check_number(match["number"], value)
    return DocumentNumber(
        number=int(match["number"]),
        year=None,
        doc_type=doc_type,
        issuer=parts[0],
        drafter="-".join(parts[1:]) or None,
        text=f"{match['number']}-{doc_type}/{match['rest']}",
        party=True,
    )


def clean_document_number_text(value: str) -> str:
    """The text as it will be parsed: NFC, look-alikes of Đ and of hyphens fixed, no spaces."""
    return normalize(value).translate(_PASTE_FIXES).strip().replace(" ", "")


def parse_document_number(value: str) -> DocumentNumber:
    """Parse a document number, raising ValidationError with a Vietnamese message."""
    text = clean_document_number_text(value)
    party = _PARTY_RE.match(text)
    if party:
        return _parse_party(party, value)
    match = _NUMBER_RE.match(text)
    if not match:
        raise _invalid(value)
    parts = match["rest"].split("-")
    doc_type = _document_type(parts[0]) if len(parts) > 1 else None
    if doc_type:
        parts = parts[1:]
    _check_issuer(parts, value)
    # Without a type, a number is a letter (công văn), which names its drafting unit
    # (927/VKSTC-V16), or a law-like number with its year (06/2022/QH15).
    if doc_type is None and len(parts) < 2 and not match["year"]:
        raise ValidationError(
            _(
                "Số văn bản “%(value)s” không có loại văn bản (QĐ, KH, CT…) và không có đơn vị soạn "
                "thảo như công văn (ví dụ: 927/VKSTC-V16)."
            ),
            code="missing_type",
            params={"value": value},
        )
    _check_number(match["number"], value)
    canonical = match["number"]
    if match["year"]:
        canonical += f"/{match['year']}"
    canonical += "/" + "-".join([*([doc_type] if doc_type else []), *parts])
    return DocumentNumber(
        number=int(match["number"]),
        year=int(match["year"]) if match["year"] else None,
        doc_type=doc_type,
        issuer=parts[0],
        drafter="-".join(parts[1:]) or None,
        text=canonical,
    )


def validate_document_number(value: str) -> None:
    """Model/form field validator."""
    parse_document_number(value)
