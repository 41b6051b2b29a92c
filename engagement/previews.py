"""
How a consultation is previewed in the admin: the app that shows consultations to the public
(public_site) registers its template and a context builder, so the editor and the Office see
the very page the public will see. Without a registration there is no preview (a host site
that installs the apps without the public site). The model only asks this registry, so it never
imports the app above it (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class ConsultationPreview:
    template: str
    context: Callable[[object, HttpRequest], dict]


_registry: dict[str, ConsultationPreview] = {}


def register_consultation_preview(preview: ConsultationPreview) -> None:
    _registry["consultation"] = preview


def consultation_preview() -> ConsultationPreview | None:
    return _registry.get("consultation")
