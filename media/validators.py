"""Upload checks by content, not by extension: video containers and WebVTT captions."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

VIDEO_MIME_TYPES = {"video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov"}


def _head(file, size: int = 512) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head


def sniff_video(file) -> str | None:
    """The MIME type of a video file read from its first bytes, or None."""
    kind = filetype.guess(_head(file, 1024))
    return kind.mime if kind and kind.mime in VIDEO_MIME_TYPES else None


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
