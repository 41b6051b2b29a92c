"""
In headless Chromium, from pages served on other loopback ports: a partner's page calls the
content API with its key; the same call from a page the partner does not list is blocked by
the browser, while anonymous public reads work from anywhere.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cms.models import Channel
from partners.models import Partner

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

PAGE = b"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Partner</title></head><body>Partner</body></html>"

CALL = """
async ([url, token]) => {
  try {
    const headers = token ? {Authorization: "Bearer " + token} : {};
    const response = await fetch(url, {headers});
    const body = await response.json();
    return {status: response.status, items: body.items.length, etag: response.headers.get("ETag")};
  } catch (error) {
    return {error: String(error)};
  }
}
"""


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def site_on_another_port():
    """Start a loopback web server; returns a function giving the origin of a new one."""
    servers = []

    def start() -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_partners_page_reads_with_its_key_and_another_page_cannot(
    page, live_server, demo_database, site_on_another_port
):
    partner_origin, other_origin = site_on_another_port(), site_on_another_port()
    partner = Partner.objects.create(name="Cổng thử CORS", allowed_origins=partner_origin)
    partner.channels.set(Channel.objects.filter(code="portal"))
    _token, key = partner.issue_token(name="trình duyệt")
    api = f"{live_server.url}/api/content/v1/exemplars/?limit=3"

    page.goto(partner_origin + "/")
    allowed = page.evaluate(CALL, [api, key])
    assert allowed["status"] == 200, allowed
    assert allowed["items"] >= 1
    assert allowed["etag"]  # exposed to the partner's script

    page.goto(other_origin + "/")
    blocked = page.evaluate(CALL, [api, key])
    assert "error" in blocked and "Failed to fetch" in blocked["error"], blocked
    # Public reads need no key and work from any page.
    public = page.evaluate(CALL, [api, None])
    assert public["status"] == 200, public
