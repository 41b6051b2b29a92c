"""Plain text from the public: normalised on the way in, escaped with safe links on the way out."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

LINK = re.compile(r"(https?://|www\.)\S+|\b[\w.-]+\.(vn|com|net|org|info|xyz|ru|io)\b", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """NFC (pastes from Word and legacy encodings differ), no control characters, unified newlines."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", value).strip()


def count_links(value: str) -> int:
    return len(LINK.findall(value or ""))


def render_plain(value: str) -> SafeString:
    """Escaped text with line breaks; links become rel="nofollow ugc" (never followed, never trusted)."""
    html = urlize(value, nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc"')
    return mark_safe(html.replace("\n", "<br>"))  # noqa: S308 (escaped by urlize above)
