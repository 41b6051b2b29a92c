"""The request's CSP nonce on the inline init script of Wagtail's chooser widgets."""

from __future__ import annotations

from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

from cms.templatetags.csp_nonce import current_nonce


def install_chooser_nonce() -> None:
    """
    BaseChooser.render ends with `<script>{init}</script>` (Wagtail 8 has no CSP support
    there); the script gets the nonce of the request being answered. Idempotent.
    """
    render = BaseChooser.render
    if getattr(render, "adds_csp_nonce", False):
        return

    def render_with_nonce(self, name, value, attrs=None, renderer=None):
        out = render(self, name, value, attrs=attrs, renderer=renderer)
        nonce = current_nonce()
        head, marker, tail = out.rpartition("<script>")
        if not nonce or not marker:
            return out
        return mark_safe(f'{head}<script nonce="{nonce}">{tail}')  # noqa: S308 - Wagtail's own output

    render_with_nonce.adds_csp_nonce = True
    BaseChooser.render = render_with_nonce
