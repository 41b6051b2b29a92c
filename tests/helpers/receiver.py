"""A partner in tests: a local HTTP server as its webhook endpoint, and its verification code."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


def partner_snippet():
    """The verification function partners copy from docs/webhooks.md, run as they would."""
    code = re.search(r"```python\n(.*?)```", DOCS.read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 (our own documentation)
    return namespace["verify_webhook"]


class Receiver:
    """
    Records every POST; answers with the next status of `statuses` (then the last one), after
    `during(request)` when given (a test looks at the world while the sender waits).
    """

    def __init__(self, statuses=(200,), *, host="127.0.0.1", port=0, during=None):
        self.statuses = list(statuses)
        self.requests: list[dict] = []
        self.during = during
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = self.rfile.read(length)
                request = {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
                receiver.requests.append(request)
                if receiver.during:
                    receiver.during(request)
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                self.send_response(status)
                self.send_header("content-type", "text/plain")
                self.end_headers()
                self.wfile.write(f"réponse {status}".encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://{host}:{self.port}/hooks/vksnd"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
