"""
A change purges the CDN by cache tag as well as by address: every list, filter and listing
that held the item, through Cloudflare's purge by tag or an HTTP PURGE carrying the tags.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cms.frontend_cache import purge_tags
from tests.helpers.api import API

pytestmark = pytest.mark.django_db


class Receiver:
    """A local stand-in for the cache or Cloudflare's API: records what it is sent."""

    def __init__(self):
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                receiver.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": self.rfile.read(length) if length else b"",
                    }
                )
                body = json.dumps({"success": True, "errors": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_PURGE = do_POST = _record

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


def tag_purges(receiver) -> list[list[str]]:
    return [r["headers"]["cache-tag"].split(",") for r in receiver.requests if "cache-tag" in r["headers"]]


def test_publishing_purges_the_items_tags_from_an_http_cache(
    api, make_exemplar, settings, receiver, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "cms.frontend_cache.HTTPTagBackend", "LOCATION": receiver.url}
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = make_exemplar()
    listed = api.get(f"{API}/exemplars/")["Cache-Tag"].split(",")
    purged = [tag for tags in tag_purges(receiver) for tag in tags]
    assert f"exemplar-{page.pk}" in purged and "exemplars" in purged
    assert f"exemplar-{page.pk}" in listed  # the tag the list was served with
    assert all(r["method"] == "PURGE" for r in receiver.requests)
    # The purges by address go on as before.
    assert any(r["path"] == f"{API}/exemplars/" for r in receiver.requests)


def test_the_tag_header_is_configurable_for_varnish_xkey(settings, receiver):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "cms.frontend_cache.HTTPTagBackend",
            "LOCATION": receiver.url,
            "TAG_HEADER": "xkey-purge",
        }
    }
    purge_tags(["exemplar-7", "exemplars", "exemplar-7", ""])
    assert [r["headers"]["xkey-purge"] for r in receiver.requests] == ["exemplar-7,exemplars"]


def test_cloudflare_is_purged_by_tag_in_chunks_with_its_token(settings, receiver):
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "cms.frontend_cache.CloudflareTagBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "cf-token",
            "ENDPOINT": receiver.url + "client/v4/zones/zone-1/purge_cache",
        }
    }
    tags = [f"exemplar-{n}" for n in range(45)]
    purge_tags(tags)
    assert [r["method"] for r in receiver.requests] == ["POST", "POST"]
    assert all(r["path"] == "/client/v4/zones/zone-1/purge_cache" for r in receiver.requests)
    assert all(r["headers"]["authorization"] == "Bearer cf-token" for r in receiver.requests)
    sent = [json.loads(r["body"])["tags"] for r in receiver.requests]
    assert sent == [tags[:30], tags[30:]]


def test_an_unreachable_cache_is_logged_not_raised(settings, caplog):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "cms.frontend_cache.HTTPTagBackend", "LOCATION": "http://127.0.0.1:1/"}
    }
    purge_tags(["exemplars"])
    assert "Couldn't purge tags" in caplog.text


def test_without_a_cdn_nothing_is_sent(settings, receiver):
    settings.WAGTAILFRONTENDCACHE = {}
    purge_tags(["exemplars"])
    assert receiver.requests == []
