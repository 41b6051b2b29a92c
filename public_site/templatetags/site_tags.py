"""Template helpers of the public site: dates, addresses, images, blocks and structured data."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlsplit

from django import template
from django.template.loader import select_template
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def vn_date(value: str | None) -> str:
    """An ISO date or date-time of the stored JSON as dd/mm/yyyy (the project's format everywhere)."""
    if not value:
        return ""
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return ""
    return f"{parsed:%d/%m/%Y}"


@register.filter
def local_path(url: str | None) -> str:
    """An absolute address of this site as a path (links stay on the host the visitor used)."""
    if not url:
        return ""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@register.filter
def srcset(image: dict | None) -> str:
    """The `srcset` of an image of the stored JSON: its medium and large renditions."""
    if not image:
        return ""
    renditions = image.get("renditions", {})
    return ", ".join(
        f"{renditions[name]['url']} {renditions[name]['width']}w"
        for name in ("medium", "large")
        if name in renditions
    )


@register.filter
def rendition(image: dict | None, name: str) -> dict:
    if not image:
        return {}
    return image.get("renditions", {}).get(name, {})


@register.filter
def duration(seconds: float | None) -> str:
    if not seconds:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


@register.simple_tag(takes_context=True)
def render_block(context, block: dict) -> SafeString:
    """One block of a story body, with the template named after its type (a fallback for new types)."""
    chosen = select_template(
        [f"public_site/blocks/{block.get('type')}.html", "public_site/blocks/unknown.html"]
    )
    return chosen.render({**context.flatten(), "block": block, "value": block.get("value")})


@register.simple_tag
def structured_data(data: dict) -> SafeString:
    """schema.org JSON-LD, escaped for an HTML page."""
    script = json_script(data, element_id=None)
    # json_script escaped the data for HTML; only the element's type changes.
    ld_script = script.replace('<script type="application/json">', '<script type="application/ld+json">', 1)
    return mark_safe(ld_script)  # noqa: S308


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str | None) -> str:
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return context["request"].build_absolute_uri(url)


@register.filter
def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@register.filter
def get_item(mapping: dict, key):
    """`mapping[key]` in a template (None when absent)."""
    return (mapping or {}).get(key)
