"""File names that are safe everywhere: ASCII, no path, no surprises in a URL or an S3 key."""

from __future__ import annotations

import os

from anyascii import anyascii
from django.utils.text import slugify

MAX_STEM = 80


def safe_filename(name: str, default: str = "tep") -> str:
    """
    `Ảnh lễ ký kết (bản cuối).JPG` → `anh-le-ky-ket-ban-cuoi.jpg`: the path is dropped, the
    stem transliterated and slugified, the extension lower-cased.
    """
    base = os.path.basename((name or "").replace("\\", "/"))
    stem, extension = os.path.splitext(base)
    stem = slugify(anyascii(stem))[:MAX_STEM].strip("-_") or default
    extension = slugify(anyascii(extension.lstrip(".")))[:10]
    return f"{stem}.{extension}" if extension else stem
