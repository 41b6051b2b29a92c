"""
How the page types are rendered as HTML, registered by the app that renders them.

The content model does not render itself: the public site (public_site/) registers a
template and a context builder per page type, and may refuse to serve a live page that is
not published to its channels. Without a registration a page keeps Wagtail's default (the
headless placeholder), as in a host site that installs the apps without the public site.
The page model only asks this registry, so it never imports the app that renders it
(docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

ContextBuilder = Callable[[object, HttpRequest], dict]
ServeCheck = Callable[[object, HttpRequest], bool]


@dataclass(frozen=True)
class Renderer:
    """A page type's template, the context it needs, and whether a live page may be served."""

    template: str
    context: ContextBuilder
    may_serve: ServeCheck | None = None


_renderers: dict[type, Renderer] = {}


def register_renderer(model: type, renderer: Renderer) -> None:
    _renderers[model] = renderer


def renderer_for(page) -> Renderer | None:
    """The renderer of the page's own class (or of the nearest class it derives from)."""
    for cls in type(page).__mro__:
        if cls in _renderers:
            return _renderers[cls]
    return None
