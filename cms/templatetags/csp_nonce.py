"""`{% csp_nonce %}`: the request's Content-Security-Policy nonce, for the admin's inline scripts."""

from __future__ import annotations

from contextvars import ContextVar

from django import template

register = template.Library()

# Set by the CSP middleware (vksnd/csp.py) for each request: Wagtail renders form widgets
# (date pickers) without the request in their context.
current_request: ContextVar = ContextVar("current_request", default=None)


def nonce_of(request) -> str:
    """The request's nonce (generated on first use, then named in its header), or ""."""
    nonce = getattr(request, "csp_nonce", None)
    # django-csp's lazy nonce is falsy until evaluated: str() evaluates it.
    return str(nonce) if nonce is not None else ""


def current_nonce() -> str:
    return nonce_of(current_request.get())


@register.simple_tag(takes_context=True)
def csp_nonce(context) -> str:
    return nonce_of(context.get("request") or current_request.get())
