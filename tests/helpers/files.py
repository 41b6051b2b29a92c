"""Small files built in memory, real enough for content sniffing and for Pillow."""

from __future__ import annotations

import io
import os
import zipfile

import wagtail_factories
from django.core.files.base import ContentFile
from PIL import Image as PILImage

# The start of an ISO base media file (MP4): enough for content sniffing.
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (1200, 800), noise: bool = False) -> bytes:
    """An image; with noise it does not compress, so its size in bytes is predictable."""
    if noise:
        picture = PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        picture = PILImage.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def ooxml_bytes(kind: str = "docx") -> bytes:
    """A minimal Office Open XML package: the content types and the main part."""
    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main, "<document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "not an office document")
    return buffer.getvalue()


def make_image(**kwargs):
    """A Wagtail image with a real JPEG file, in the storage the test configured."""
    return wagtail_factories.ImageFactory(
        title="Chân dung (dữ liệu mẫu)",
        file=ContentFile(image_bytes(), name="chan-dung.jpg"),
        **kwargs,
    )
