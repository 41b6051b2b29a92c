"""
Vietnamese official document numbers: `số[/năm]/[loại-]cơ quan[-đơn vị soạn thảo]`.

Examples: `927/VKSTC-V16` (a letter: no type), `02/CT-VKSTC` (directive), `293/KH-VKS`
(plan), `1136/QĐ-UBND` (decision), `02/2024/TT-VKSTC` (circular, with year),
`06/2022/QH15` (a law). Shown as written, prefixed "Số:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.text import normalize

# Types of documents (Decree 30/2020/NĐ-CP, Appendix III) met in this domain.
DOCUMENT_TYPES = {
    "BC": _("Báo cáo"),
    "CT": _("Chỉ thị"),
    "CV": _("Công văn"),
    "HD": _("Hướng dẫn"),
    "KH": _("Kế hoạch"),
    "NĐ": _("Nghị định"),
    "NQ": _("Nghị quyết"),
    "QC": _("Quy chế"),
    "QĐ": _("Quyết định"),
    "TB": _("Thông báo"),
    "TT": _("Thông tư"),
    "TTr": _("Tờ trình"),
}

_NUMBER_RE = re.compile(
    r"^(?P<number>\d{1,6})"
    r"(?:/(?P<year>(?:19|20)\d{2}))?"
    r"/(?P<rest>[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*)$"
)


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed document number."""

    number: int
    year: int | None
    doc_type: str | None
    issuer: str
    drafter: str | None
    text: str

    def __str__(self) -> str:
        return self.text


def parse_document_number(value: str) -> DocumentNumber:
    """Parse a document number, raising ValidationError with a Vietnamese message."""
    text = normalize(value).strip().replace(" ", "")
    match = _NUMBER_RE.match(text)
    if not match:
        raise ValidationError(
            _(
                "Số văn bản “%(value)s” không đúng định dạng. Ví dụ hợp lệ: 1136/QĐ-UBND, "
                "02/2024/TT-VKSTC, 927/VKSTC-V16."
            ),
            code="invalid_document_number",
            params={"value": value},
        )
    parts = match["rest"].split("-")
    doc_type = parts[0] if parts[0] in DOCUMENT_TYPES else None
    if doc_type:
        parts = parts[1:]
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
    if int(match["number"]) == 0:
        raise ValidationError(
            _("Số thứ tự của văn bản “%(value)s” phải lớn hơn 0."),
            code="zero_number",
            params={"value": value},
        )
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
