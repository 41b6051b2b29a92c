"""Browser origins a partner's web pages call the content API from (CORS), as written in its admin."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise(value: str) -> str:
    """
    `scheme://host[:port]` as a browser sends it in `Origin` (lower case, no default port,
    no trailing slash), or ValidationError naming the line.
    """
    text = value.strip()
    invalid = ValidationError(
        _(
            "“%(value)s” không phải là một nguồn gốc (origin) hợp lệ: ghi dạng "
            "https://ten-mien hoặc https://ten-mien:cổng, không có đường dẫn."
        ),
        code="invalid_origin",
        params={"value": text},
    )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise invalid from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or "*" in text
    ):
        raise invalid
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def parse(text: str) -> list[str]:
    """The origins of a text, one a line (blank lines ignored), normalised, without repeats."""
    return list(dict.fromkeys(normalise(line) for line in (text or "").splitlines() if line.strip()))


def validate(text: str) -> None:
    errors = []
    for line in (text or "").splitlines():
        if line.strip():
            try:
                normalise(line)
            except ValidationError as error:
                errors.append(error)
    if errors:
        raise ValidationError(errors)


ORIGINS_KEY = "partners:cors-origins"
ORIGINS_TTL = 300


def by_partner() -> dict[int, frozenset[str]]:
    """Each active partner's browser origins, from the shared cache (read again on any partner change)."""
    found = cache.get(ORIGINS_KEY)
    if found is None:
        from .models import Partner

        rows = Partner.objects.filter(is_active=True).exclude(allowed_origins="")
        found = {pk: frozenset(parse(text)) for pk, text in rows.values_list("pk", "allowed_origins")}
        cache.set(ORIGINS_KEY, found, ORIGINS_TTL)
    return found


def forget_origins() -> None:
    cache.delete(ORIGINS_KEY)
