"""
Extra preview modes of the story pages, registered by the apps above the content model.

Partner sync adds "Xem trên trang đối tác" (signed links to partners' preview pages), the
public site renders its own template in the default mode. The page model only asks this
registry, so it never imports the apps that serve previews (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise


@dataclass(frozen=True)
class PreviewMode:
    """A named preview mode and the view that answers it for a page."""

    name: str
    label: str | Promise
    serve: Callable[[object, HttpRequest], HttpResponse]


_modes: dict[str, PreviewMode] = {}


def register_preview_mode(
    name: str, label: str | Promise, serve: Callable[[object, HttpRequest], HttpResponse]
):
    """Add (or replace) a preview mode offered on every page type with an API collection."""
    _modes[name] = PreviewMode(name=name, label=label, serve=serve)


def registered_preview_modes() -> list[PreviewMode]:
    return list(_modes.values())


def preview_mode(name: str) -> PreviewMode | None:
    return _modes.get(name)
