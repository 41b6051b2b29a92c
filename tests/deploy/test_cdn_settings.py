"""The CDN purge backends come from the environment: CloudFront, Cloudflare, HTTP PURGE, or none."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
CDN_VARIABLES = (
    "CLOUDFRONT_DISTRIBUTION_ID",
    "CLOUDFLARE_ZONEID",
    "CLOUDFLARE_BEARER_TOKEN",
    "FRONTEND_CACHE_PURGE_URL",
)


def frontend_cache(**environment: str) -> dict:
    spec = importlib.util.spec_from_file_location("_cdn_settings_probe", ROOT / "settings" / "base.py")
    module = importlib.util.module_from_spec(spec)
    clean = dict.fromkeys(CDN_VARIABLES, "")
    with mock.patch.dict(os.environ, {**clean, **environment}):
        spec.loader.exec_module(module)
    return module.WAGTAILFRONTENDCACHE


def test_no_cdn_is_purged_unless_configured():
    assert frontend_cache() == {}


def test_cloudfront_cloudflare_and_every_http_purger_are_configured_together():
    backends = frontend_cache(
        CLOUDFRONT_DISTRIBUTION_ID="E2ABCDEF123456",
        CLOUDFLARE_ZONEID="zone-1",
        CLOUDFLARE_BEARER_TOKEN="token-1",
        FRONTEND_CACHE_PURGE_URL="http://varnish-1:6081/, http://varnish-2:6081/",
    )
    assert backends == {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "E2ABCDEF123456",
        },
        "cloudflare": {
            "BACKEND": "cms.frontend_cache.CloudflareTagBackend",
            "BEARER_TOKEN": "token-1",
            "ZONEID": "zone-1",
        },
        "http-0": {
            "BACKEND": "cms.frontend_cache.HTTPTagBackend",
            "LOCATION": "http://varnish-1:6081/",
            "TAG_HEADER": "Cache-Tag",
        },
        "http-1": {
            "BACKEND": "cms.frontend_cache.HTTPTagBackend",
            "LOCATION": "http://varnish-2:6081/",
            "TAG_HEADER": "Cache-Tag",
        },
    }


def test_wagtail_accepts_the_configured_backends(settings):
    from wagtail.contrib.frontend_cache.utils import get_backends

    settings.WAGTAILFRONTENDCACHE = frontend_cache(
        CLOUDFRONT_DISTRIBUTION_ID="E2ABCDEF123456", FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081/"
    )
    assert {name: type(backend).__name__ for name, backend in get_backends().items()} == {
        "cloudfront": "CloudfrontBackend",
        "http-0": "HTTPTagBackend",
    }
