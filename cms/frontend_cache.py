"""
Purging the CDN by cache tag, beside Wagtail's purges by URL.

The content API and the public site tag every answer (`Cache-Tag: exemplars,exemplar-12,unit-3`,
content_api.api.http and public_site.middleware). Wagtail's frontend_cache backends purge only
addresses, but a publication changes every list, filter, page of a cursor and listing that
contains the item — addresses nobody can enumerate. These backends are Wagtail's own, with one
method more, `purge_tags`, which `purge_tags()` below calls on every configured backend that has
it (content_api.versioning calls it after each change, with the change's tags):

* `CloudflareTagBackend`: Cloudflare's "purge by tag" (the same zone and credentials);
* `HTTPTagBackend`: one `PURGE` of the cache's address carrying the tags in a header
  (`TAG_HEADER`, default `Cache-Tag`), for Varnish (xkey, or a ban on the tag header) or nginx
  configured to purge by it.

Configured from the environment in settings/base.py (WAGTAILFRONTENDCACHE).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.error import URLError
from urllib.request import urlopen

import requests
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import CloudflareBackend, HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("wagtail.frontendcache")


class CloudflareTagBackend(CloudflareBackend):
    """Wagtail's Cloudflare backend, also purging by tag (`ENDPOINT` overrides the API's address)."""

    def __init__(self, params):
        endpoint = params.pop("ENDPOINT", None)
        super().__init__(params)
        if endpoint:
            self.cloudflare_purge_endpoint_url = endpoint

    def _headers(self) -> dict:
        if self.cloudflare_token:
            return {"Authorization": f"Bearer {self.cloudflare_token}"}
        return {"X-Auth-Email": self.cloudflare_email, "X-Auth-Key": self.cloudflare_api_key}

    def purge_tags(self, tags: list[str]) -> None:
        for start in range(0, len(tags), self.CHUNK_SIZE):
            chunk = tags[start : start + self.CHUNK_SIZE]
            try:
                response = requests.post(
                    self.cloudflare_purge_endpoint_url,
                    json={"tags": chunk},
                    headers=self._headers(),
                    timeout=30,
                )
                success = response.json().get("success") is True
            except (requests.RequestException, ValueError) as error:
                logger.error("Couldn't purge tags %s from Cloudflare: %s", chunk, error)
                continue
            if not success:
                logger.error("Couldn't purge tags %s from Cloudflare: %s", chunk, response.text[:500])


class HTTPTagBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend, also purging by tag: one PURGE with the tags in `TAG_HEADER`."""

    def __init__(self, params):
        self.location = params["LOCATION"]
        self.tag_header = params.pop("TAG_HEADER", None) or "Cache-Tag"
        super().__init__(params)

    def purge_tags(self, tags: list[str]) -> None:
        request = PurgeRequest(
            url=self.location,
            headers={self.tag_header: ",".join(tags), "User-Agent": "Wagtail-frontendcache/" + __version__},
        )
        try:
            urlopen(request, timeout=10)  # noqa: S310 - the configured cache's address
        except (URLError, OSError) as error:
            logger.error("Couldn't purge tags %s from %s: %s", tags, self.location, error)


def purge_tags(tags: Iterable[str]) -> None:
    """Purge these cache tags from every configured CDN or cache that purges by tag."""
    tags = list(dict.fromkeys(tag for tag in tags if tag))
    if not tags:
        return
    for backend in get_backends().values():
        if hasattr(backend, "purge_tags"):
            backend.purge_tags(tags)
