"""Upload checks by content, not by extension: video containers, WebVTT captions, documents."""

from __future__ import annotations

import os
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

VIDEO_MIME_TYPES = {"video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov"}


def _head(file, size: int = 512) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head


def sniff_video_bytes(head: bytes) -> str | None:
    """The MIME type of a video from its first bytes (1 KB is plenty), or None."""
    kind = filetype.guess(head)
    return kind.mime if kind and kind.mime in VIDEO_MIME_TYPES else None


def sniff_video(file) -> str | None:
    """The MIME type of a video file read from its first bytes, or None."""
    return sniff_video_bytes(_head(file, 1024))


def validate_video_file(file) -> None:
    limit = settings.VIDEO_MAX_UPLOAD_SIZE
    if file.size and file.size > limit:
        raise ValidationError(
            _("Tệp video quá lớn (%(size)s). Dung lượng tối đa là %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if sniff_video(file) is None:
        raise ValidationError(
            _(
                "Tệp tải lên không phải là video MP4, WebM hoặc MOV (kiểm tra theo nội dung tệp, không theo phần mở rộng)."
            ),
            code="not_a_video",
        )


def validate_captions_file(file) -> None:
    head = _head(file, 16)
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(_("Tệp phụ đề phải ở định dạng WebVTT (.vtt)."), code="not_webvtt")
    if file.size and file.size > 2 * 1024 * 1024:
        raise ValidationError(_("Tệp phụ đề không được lớn hơn 2 MB."), code="captions_too_large")


# Documents: what the content really is, by extension family. JPEG counts once for jpg/jpeg.
DOCUMENT_KINDS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "png": "png",
    "webp": "webp",
}
# The part of an Office Open XML package that says what it is.
OOXML_MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def sniff_document(file) -> str | None:
    """pdf, docx, xlsx, jpeg, png or webp, read from the content; None for anything else."""
    head = _head(file, 1024)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(position)
        if "[Content_Types].xml" not in names:
            return None
        for kind, part in OOXML_MAIN_PARTS.items():
            if part in names:
                return kind
        return None
    kind = filetype.guess(head)
    if kind and kind.extension in {"jpg", "png", "webp"}:
        return "jpeg" if kind.extension == "jpg" else kind.extension
    return None


def validate_document_file(file) -> None:
    """The content must be the kind its extension claims, and an allowed one."""
    extension = os.path.splitext(file.name or "")[1].lower().lstrip(".")
    expected = DOCUMENT_KINDS.get(extension)
    actual = sniff_document(file)
    if expected is None or actual is None:
        raise ValidationError(
            _("Chỉ nhận tài liệu PDF, DOCX, XLSX hoặc ảnh JPG, PNG, WebP (kiểm tra theo nội dung tệp)."),
            code="document_type_not_allowed",
        )
    if actual != expected:
        raise ValidationError(
            _("Nội dung tệp (%(actual)s) không khớp với phần mở rộng .%(extension)s."),
            code="document_type_mismatch",
            params={"actual": actual.upper(), "extension": extension},
        )


def validate_image_frames(file, max_pixels: int | None) -> None:
    """
    Every frame of an animation counts against the pixel limit (Willow, which Wagtail asks,
    counts one frame only): 20 frames of 2000×2000 are 80 million pixels to decode.
    """
    if not max_pixels:
        return
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with PILImage.open(file) as image:
            frames = getattr(image, "n_frames", 1)
            pixels = image.width * image.height * frames
    except (OSError, ValueError, PILImage.DecompressionBombError):
        return  # not an image Pillow reads: Wagtail's own checks refuse it
    finally:
        file.seek(position)
    if pixels > max_pixels:
        raise ValidationError(
            _("Ảnh có quá nhiều điểm ảnh (%(pixels)s, tính cả %(frames)d khung hình); tối đa %(max)s.")
            % {
                "pixels": f"{pixels:,}".replace(",", "."),
                "frames": frames,
                "max": f"{max_pixels:,}".replace(",", "."),
            },
            code="file_too_many_pixels",
        )
