"""
`make smoke-prod`: the production arrangement on loopback, and a journey through it.

Starts a Redis of its own (so that it can stop it), a moto S3 server, a fresh PostgreSQL
database next to DATABASE_URL's (`<name>_smoke`), two gunicorn app servers with deploy/
gunicorn.conf.py under settings.smoke (settings.production, plus loopback webhooks), the task
worker, a partner's webhook receiver and an HTTP PURGE receiver standing for the CDN. Then:

1. an editor signs in on server A and proposes an exemplar with a portrait image;
2. reviewers on server B approve it through every stage (unit head, verification, the
   journal's editorial sign-off, the Office's publication);
3. the content API and the public site on both servers show it, under the same cache version
   (same ETag), and its portrait rendition is readable from S3;
4. the partner's receiver gets exactly one delivery, whose signature verifies;
5. the Office unpublishes it on server A: both servers stop showing it and the CDN is purged;
6. /readyz goes red on both servers when Redis stops, and green when it is back;
7. /metrics shows the requests and the delivery;
8. a pg_dump of the database, restored elsewhere, passes `check_media_store` against the bucket,
   and fails once an object is deleted.

Exits non-zero at the first failure (printing the servers' logs), and gives up after
SMOKE_BUDGET seconds (540). Every process it starts it ends.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# The admin's form-data helpers of the suite need Django's settings in this process (no
# database is opened here); the servers run settings.smoke.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
import django

django.setup()

from tests.fixtures.database import fingerprint
from tests.fixtures.s3 import (
    BUCKET,
    CREDENTIALS,
    REGION,
    client,
    readme_bucket_policy,
    start_server,
    stop_server,
)
from tests.helpers.files import image_bytes
from tests.helpers.forms import award_row, exemplar_form
from tests.helpers.receiver import Receiver, partner_snippet

BUDGET = float(os.environ.get("SMOKE_BUDGET", "540"))
STARTED = time.monotonic()
LOGS = ROOT / "var" / "smoke"
PY = sys.executable


class SmokeFailure(AssertionError):
    pass


def step(message: str) -> None:
    print(f"[smoke {time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def check(condition, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def remaining() -> float:
    left = BUDGET - (time.monotonic() - STARTED)
    if left <= 0:
        raise SmokeFailure(f"over the budget of {BUDGET:.0f} s")
    return left


def wait_for(what: str, predicate, timeout: float = 60, interval: float = 0.5):
    end = time.monotonic() + min(timeout, remaining())
    last = None
    while time.monotonic() < end:
        try:
            last = predicate()
            if last:
                return last
        except (requests.RequestException, OSError) as exc:
            last = exc
        time.sleep(interval)
    raise SmokeFailure(f"timed out waiting for {what} (last: {last!r})")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Processes:
    """Child processes, each in its own process group, ended (by pid) in reverse order."""

    def __init__(self):
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = open(LOGS / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running.append((name, process))
        return process

    def stop(self, process: subprocess.Popen, timeout: float = 15) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)

    def close(self) -> None:
        for _name, process in reversed(self.running):
            self.stop(process)

    def assert_alive(self) -> None:
        for name, process in self.running:
            if name != "redis-stopped":
                check(process.poll() is None, f"{name} exited with {process.returncode}")


class PurgeReceiver:
    """Stands for the CDN: records the paths of HTTP PURGE requests (Wagtail's HTTPBackend)."""

    def __init__(self):
        self.paths: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                receiver.paths.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Browser(requests.Session):
    """A person's session on one server. Production cookies are Secure; this is plain HTTP on
    loopback, so the client keeps sending them (the server's settings stay production's)."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base
        self.headers["Origin"] = base

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        response = super().request(method, self.base + url if url.startswith("/") else url, *args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response

    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def login(self, username: str, password: str) -> None:
        self.get("/admin/login/")
        response = self.post(
            "/admin/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.csrf(),
                "next": "/admin/",
            },
        )
        check(response.status_code == 302, f"{username} could not sign in ({response.status_code})")

    def form_post(self, url: str, data: dict, **kwargs) -> requests.Response:
        return self.post(url, data={**data, "csrfmiddlewaretoken": self.csrf()}, **kwargs)


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=min(timeout, remaining()),
    )
    if result.returncode != 0:
        raise SmokeFailure(
            f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


def fresh_database(url: str) -> tuple[str, str]:
    """`<name>_smoke`, copied from the suite's template of this code when there is one (the
    migrations and setup_site take minutes on a busy machine), else empty."""
    parts = urlsplit(url)
    check(parts.scheme.startswith("postgres"), "DATABASE_URL must be PostgreSQL")
    base = parts.path.lstrip("/")
    name = f"{base}_smoke"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for kind in ("baseline", "empty"):
            template = f"{base}_{kind}_{fingerprint(kind)}"[:63]
            try:
                connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return urlunsplit(parts._replace(path=f"/{name}")), f"copied from {template}"
            except psycopg.Error:
                continue  # no such template, or a test is copying it right now
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), "empty"


def restore_copy(url: str) -> str:
    """pg_dump -Fc of the smoke database restored into `<name>_restored`, as an operator would."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_restored"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    dump = LOGS / "smoke.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", url], check=True, timeout=min(120, remaining())
    )
    restored = urlunsplit(parts._replace(path=f"/{name}"))
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],
        check=True,
        timeout=min(120, remaining()),
    )
    return restored


def task_state_id(browser: Browser, page_id: int) -> int:
    """The current task of the page's workflow, as the reviewer's edit view links it."""
    html = browser.get(f"/admin/pages/{page_id}/edit/").text
    match = re.search(rf"/admin/pages/workflow/(?:action|collect_action_data)/{page_id}/approve/(\d+)/", html)
    check(match, f"no approve action for the reviewer on page {page_id}")
    return int(match.group(1))


def approve(browser: Browser, page_id: int, who: str, **data) -> None:
    state = task_state_id(browser, page_id)
    response = browser.form_post(f"/admin/pages/workflow/action/{page_id}/approve/{state}/", data)
    check(response.status_code in (200, 302), f"{who}'s approval answered {response.status_code}")
    if response.status_code == 200 and response.headers.get("Content-Type", "").startswith(
        "application/json"
    ):
        check(response.json().get("step") != "action", f"{who}'s approval was refused: {response.text[:500]}")
    step(f"{who} approved on {browser.base}")


def run(stack: ExitStack) -> None:
    LOGS.mkdir(parents=True, exist_ok=True)
    processes = Processes()
    stack.callback(processes.close)

    database_url, origin = fresh_database(os.environ["DATABASE_URL"])
    step(f"database {urlsplit(database_url).path.lstrip('/')} created ({origin})")

    redis_port = free_port()
    redis_command = [
        "redis-server",
        "--port",
        str(redis_port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    redis = processes.start("redis", redis_command, dict(os.environ))
    wait_for(
        "Redis", lambda: socket.create_connection(("127.0.0.1", redis_port), timeout=1).close() or True, 20
    )

    moto, s3_endpoint = start_server()
    stack.callback(stop_server, moto)
    s3 = client(s3_endpoint)
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_policy(Bucket=BUCKET, Policy=readme_bucket_policy(BUCKET))
    step(f"moto S3 on {s3_endpoint}, Redis on {redis_port}")

    webhook = stack.enter_context(Receiver())
    purge = PurgeReceiver()
    stack.callback(purge.close)

    port_a, port_b = free_port(), free_port()
    base_a, base_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    metrics_token = secrets.token_urlsafe(24)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        **CREDENTIALS,
        "DJANGO_SETTINGS_MODULE": "settings.smoke",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_S3_CONNECT_TIMEOUT": "1",
        "AWS_S3_READ_TIMEOUT": "5",
        "AWS_S3_MAX_ATTEMPTS": "2",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"{base_a},{base_b}",
        # TLS would end at the load balancer; this is loopback.
        "SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": base_a,
        "CONTENT_API_BASE_URL": base_a,
        "CONTENT_PUBLIC_BASE_URL": base_a,
        "FRONTEND_CACHE_PURGE_URL": purge.url,
        "STATIC_ROOT": str(LOGS / "static"),
        "METRICS_TOKEN": metrics_token,
        "LOG_LEVEL": "INFO",
        "SMOKE_PASSWORD": secrets.token_urlsafe(16),
        "SMOKE_WEBHOOK_URL": webhook.url,
        "GUNICORN_WORKERS": "2",
        "GUNICORN_TIMEOUT": "60",
    }

    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "setup_site")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    people = json.loads(manage(env, "shell", "-c", "import tests.smoke.prod_setup").strip().splitlines()[-1])
    step("migrated, setup_site, collectstatic, people and partner created")

    for name, port in (("app-a", port_a), ("app-b", port_b)):
        processes.start(
            name,
            [PY, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "vksnd.wsgi"],
            {
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "PROMETHEUS_MULTIPROC_DIR": str(LOGS / f"metrics-{name}"),
            },
        )
    processes.start(
        "worker",
        [PY, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.5", "--no-startup-delay"],
        env,
    )
    for base in (base_a, base_b):
        wait_for(
            f"{base}/readyz",
            lambda base=base: requests.get(f"{base}/readyz", timeout=5).status_code == 200,
            90,
        )
    step("two gunicorn servers ready, worker started")

    # 1. The editor proposes on A, with an image.
    password = env["SMOKE_PASSWORD"]
    editor = Browser(base_a)
    editor.login(people["users"]["editor"], password)
    editor.get("/admin/images/multiple/add/")
    upload = editor.form_post(
        "/admin/images/multiple/add/",
        {"collection": people["collection"]},
        files={"files[]": ("chan-dung.jpg", image_bytes(), "image/jpeg")},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    check(
        upload.status_code == 200 and upload.json().get("success"),
        f"image upload failed: {upload.text[:500]}",
    )
    image_id = upload.json()["image_id"]
    suffix = secrets.token_hex(3)
    title = f"Nguyễn Văn Kiểm Thử {suffix}"
    data = exemplar_form(
        SimpleNamespace(pk=people["unit"]),
        awards=[award_row(SimpleNamespace(pk=people["award_form"]))],
        title=title,
        slug=f"nguyen-van-kiem-thu-{suffix}",
        portrait=image_id,
    )
    data["action-submit"] = "1"
    response = editor.form_post(f"/admin/pages/add/exemplar_pages/exemplarpage/{people['folder']}/", data)
    check(response.status_code == 302, f"proposing failed ({response.status_code}): {response.text[-2000:]}")
    children = editor.get(f"/admin/api/main/pages/?child_of={people['folder']}&order=-id&limit=20").json()[
        "items"
    ]
    [page_id] = [item["id"] for item in children if item["title"] == title]
    step(f"editor proposed page {page_id} with image {image_id} on A")

    # 2. Reviewers approve on B, through every stage.
    reviewers = {}
    for name in ("head", "emulation", "journal", "office"):
        reviewers[name] = Browser(base_b)
        reviewers[name].login(people["users"][name], password)
    approve(reviewers["head"], page_id, "the unit head")
    approve(
        reviewers["emulation"],
        page_id,
        "emulation & rewards",
        recognition_level="typical",
        channels=["public", "journal"],
    )
    approve(reviewers["journal"], page_id, "the journal")
    approve(reviewers["office"], page_id, "the Office")

    # 3. Both servers show it, under the same cache version.
    def listed(base):
        answer = requests.get(f"{base}/api/content/v1/exemplars/?limit=100", timeout=10)
        items = [item for item in answer.json()["items"] if item["id"] == page_id]
        return (answer.headers["ETag"], items[0]) if items else None

    etag_a, item = wait_for("the API on A to list the exemplar", lambda: listed(base_a), 30)
    etag_b, _ = wait_for("the API on B to list the exemplar", lambda: listed(base_b), 30)
    check(etag_a == etag_b, f"A and B answer different versions: {etag_a} / {etag_b}")
    check(item["title"] == title, "the API's title differs")
    public_path = urlsplit(item["url"]).path
    for base in (base_a, base_b):
        page = requests.get(base + public_path, timeout=10)
        check(
            page.status_code == 200 and title in page.text, f"{base}{public_path} does not show the exemplar"
        )
    portrait = json.dumps(item).split('"portrait"', 1)[1]
    rendition_url = re.search(r'"url":\s*"([^"]+)"', portrait).group(1)
    check(
        requests.get(rendition_url, timeout=10).status_code == 200,
        f"the portrait {rendition_url} is not readable",
    )
    step(f"published: API and {public_path} on both servers (ETag {etag_a}), portrait on S3")

    # 4. Exactly one signed delivery.
    wait_for("the webhook delivery", lambda: webhook.requests, 60)
    time.sleep(3)
    check(len(webhook.requests) == 1, f"the partner got {len(webhook.requests)} deliveries")
    delivery = webhook.requests[0]
    verify = partner_snippet()
    check(
        verify(people["webhook_secret"], delivery["headers"], delivery["body"]) is True,
        "the delivery's signature does not verify",
    )
    check(
        json.loads(delivery["body"])["type"] == "content.published", "the delivery is not content.published"
    )
    step("the partner got exactly one signed content.published")

    # 5. The Office unpublishes on A: gone from both servers, CDN purged.
    office_a = Browser(base_a)
    office_a.login(people["users"]["office"], password)
    office_a.get(f"/admin/pages/{page_id}/unpublish/")
    response = office_a.form_post(f"/admin/pages/{page_id}/unpublish/", {})
    check(response.status_code == 302, f"unpublishing answered {response.status_code}")
    for base in (base_a, base_b):
        wait_for(f"{base} to stop listing it", lambda base=base: listed(base) is None, 30)
        check(
            requests.get(base + public_path, timeout=10).status_code == 404,
            f"{base}{public_path} still shows it",
        )
    wait_for("the CDN purge of the page", lambda: public_path in purge.paths, 30)
    step(f"unpublished on A: gone from both, {len(purge.paths)} paths purged")

    # 6. /readyz follows Redis.
    processes.stop(redis)
    for base in (base_a, base_b):
        answer = wait_for(
            f"{base}/readyz to go red",
            lambda base=base: (
                (r := requests.get(f"{base}/readyz", timeout=10)).status_code == 503 and r.json()
            ),
            30,
        )
        check(
            answer["checks"]["cache"]["ok"] is False and answer["checks"]["database"]["ok"],
            f"readyz: {answer}",
        )
    processes.running = [(n, p) for n, p in processes.running if p is not redis]
    processes.start("redis-again", redis_command, dict(os.environ))
    for base in (base_a, base_b):
        wait_for(
            f"{base}/readyz to go green",
            lambda base=base: requests.get(f"{base}/readyz", timeout=10).status_code == 200,
            30,
        )
    step("readyz red without Redis on both servers, green again")

    # 7. Metrics.
    text = requests.get(
        f"{base_a}/metrics", headers={"Authorization": f"Bearer {metrics_token}"}, timeout=10
    ).text
    check("vksnd_http_request_duration_seconds_bucket" in text, "no latency histogram")
    check('vksnd_webhook_deliveries{status="succeeded"} 1.0' in text, "the delivery is not in the metrics")
    processes.assert_alive()
    step("metrics scraped")

    # 8. Backup and restore (README, "Backups and restore"): pg_dump, pg_restore into another
    # database, and check_media_store against the same bucket; then a lost object is caught.
    restored_url = restore_copy(database_url)
    restored_env = {**env, "DATABASE_URL": restored_url}
    report = manage(restored_env, "check_media_store")
    check("are in the media store" in report, f"check_media_store: {report}")
    lost = next(
        key
        for key in (o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"])
        if key.startswith("private/")
    )
    s3.delete_object(Bucket=BUCKET, Key=lost)
    missing = subprocess.run(
        [PY, "manage.py", "check_media_store"],
        cwd=ROOT,
        env=restored_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    check(
        missing.returncode != 0 and lost.removeprefix("private/") in missing.stdout,
        "a lost object went unnoticed",
    )
    step(f"pg_dump/pg_restore copy checked against the store; a lost object ({lost}) is reported")


def main() -> int:
    with ExitStack() as stack:
        try:
            run(stack)
        except (SmokeFailure, Exception) as exc:
            print(f"\nSMOKE FAILED: {type(exc).__name__}: {exc}\n", file=sys.stderr)
            for log in sorted(LOGS.glob("*.log")):
                tail = log.read_text(errors="replace").splitlines()[-25:]
                print(f"--- {log.name} (last lines)\n" + "\n".join(tail), file=sys.stderr)
            return 1
    step("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
