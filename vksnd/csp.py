"""
Content-Security-Policy on every response with a body (django-csp), enforced.

One policy for the admin, the public site, the API and its docs (settings/base.py
CONTENT_SECURITY_POLICY): scripts only from this origin or carrying the request's nonce,
nothing from a CDN, no plugins, no framing by other sites. Two things vary per request:

- The public embeds (/nhung/don-vi/…, /nhung/phong-trao/…) are framed by the units' own
  websites: their `frame-ancestors` are this site, every unit's website (Unit.website, as
  data the Office keeps) and EMBED_FRAME_ANCESTORS from the environment. Computed here,
  from the path, so that answers served from the page cache get it too.
- The few inline scripts Wagtail's admin still renders (date pickers, inline panels) carry
  the request's nonce (cms/templatetags/csp_nonce.py reads it from `current_nonce`: form
  widgets are rendered without the request).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.core.cache import cache

from cms.models import Unit
from cms.templatetags.csp_nonce import current_request
from content_api import versioning

ADMIN_PREFIX = "/admin/"
# The page editor's scripts (Draftail, in Wagtail's vendor.js) add <style> elements whose
# content changes with each page (measured in Chromium: different hashes every load), so the
# admin alone allows inline style *elements*; style attributes and every script stay strict.
ADMIN_EXTRA = {"style-src-elem": [SELF, UNSAFE_INLINE]}
EMBED_PATH = re.compile(r"^(/en)?/nhung/(don-vi|phong-trao)/")
ANCESTORS_KEY = "csp:embed-ancestors:{}"


def _origin(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc.lower()}"
    return None


def embed_ancestors() -> list[str]:
    """Who may frame an embed: this site, every unit's website, and the configured extras."""
    key = ANCESTORS_KEY.format(versioning.current()["token"])
    found = cache.get(key)
    if found is None:
        websites = Unit.objects.exclude(website="").values_list("website", flat=True)
        found = sorted({origin for origin in map(_origin, websites) if origin})
        cache.set(key, found, 3600)
    return [SELF, *found, *settings.EMBED_FRAME_ANCESTORS]


class CSPMiddleware(BaseCSPMiddleware):
    def process_request(self, request) -> None:
        super().process_request(request)
        current_request.set(request)

    def process_response(self, request, response):
        current_request.set(None)
        if response.status_code == 304:
            # A 304 has no body to protect: a browser or cache keeps the policy of the response
            # it already holds (RFC 9111 section 4.3.4), and RFC 9110 (15.4.5) asks a 304 to
            # carry no other metadata than its validators and caching fields. Building the
            # two policies was a seventh of a cached 304's time (bench/README.md).
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if EMBED_PATH.match(request.path_info):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": embed_ancestors()}
        elif request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**(parts.replace or {}), **ADMIN_EXTRA}
        return parts
