"""Opaque, signed keyset cursors: stable under inserts, refused when tampered with."""

from __future__ import annotations

from typing import Any

from django.core import signing

from .errors import BadParameter

SALT = "content-api.cursor"


def encode(order: str, key: list[Any]) -> str:
    return signing.dumps({"o": order, "k": key}, salt=SALT, compress=True)


def decode(value: str, order: str) -> list[Any]:
    try:
        data = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        raise BadParameter("cursor", "malformed cursor; use the `next` URL of a previous page") from None
    if not isinstance(data, dict) or data.get("o") != order or not isinstance(data.get("k"), list):
        raise BadParameter("cursor", "this cursor belongs to another ordering; start again without it")
    return data["k"]
