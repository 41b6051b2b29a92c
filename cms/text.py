"""Text helpers for Vietnamese: Unicode normalisation, accent folding and ASCII slugs."""

import unicodedata

from django.utils.text import slugify

# Django's slugify drops đ/Đ entirely ("Đoàn kết" -> "oan-ket"): it has no decomposition.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def normalize(text: str) -> str:
    """Unicode NFC, the form stored everywhere (pastes from Word may be decomposed)."""
    return unicodedata.normalize("NFC", text)


def fold_accents(text: str) -> str:
    """Strip Vietnamese diacritics: "Đoàn kết" -> "Doan ket"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify_vi(text: str) -> str:
    """ASCII slug transliterated from Vietnamese: "Đoàn kết, đổi mới" -> "doan-ket-doi-moi"."""
    return slugify(fold_accents(text))
