"""
Throwaway servers on loopback for the reliability tests: a Redis, a PostgreSQL cluster and a
gunicorn of the project, each on a free port, each of the test's own so that it can be stopped
and started again mid-run (never the shared PostgreSQL or Redis of the suite).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from tests.helpers.services import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(what: str, predicate, timeout: float, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except (OSError, requests.RequestException) as exc:
            last = exc
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Process:
    """A child in its own process group, with its output in a log file; ended by its pid."""

    def __init__(self, name: str, command: list[str], env: dict, log_dir: Path):
        self.name, self.command, self.env = name, command, env
        self.log = log_dir / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


class RedisServer:
    """A redis-server of the test's own, without persistence."""

    def __init__(self, log_dir: Path):
        if not shutil.which("redis-server"):
            skip_or_fail("needs redis-server (Debian package redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = Process("redis", [*command, "--appendonly", "no"], dict(os.environ), log_dir)

    def start(self) -> None:
        self.process.start()
        wait_until("Redis", lambda: _port_open(self.port), 20)

    def stop(self) -> None:
        self.process.stop()


def postgres_binaries() -> Path | None:
    """Debian's server binaries (initdb, pg_ctl), newest version first."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


class PostgresCluster:
    """
    A PostgreSQL cluster in a temporary folder on a free port (initdb + pg_ctl), trusting local
    connections; restartable under load without touching the system's server. PostgreSQL
    refuses to run as root: as root (CI's container), it runs as the `postgres` user.
    """

    def __init__(self):
        bin_dir = postgres_binaries()
        if bin_dir is None:
            skip_or_fail("needs PostgreSQL's server binaries (Debian package postgresql)")
        self.as_user: list[str] = []
        self.home = Path(tempfile.mkdtemp(prefix="vksnd-pg-"))
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                skip_or_fail("running as root needs a `postgres` user to run PostgreSQL as")
            os.chown(self.home, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.bin, self.port = bin_dir, free_port()
        self.data, self.log = self.home / "data", self.home / "postgres.log"

    def _run(self, *args: str, timeout: float = 90) -> None:
        command = [*self.as_user, str(self.bin / args[0]), *args[1:]]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if result.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise AssertionError(f"{' '.join(args[:1])} failed: {result.stdout}{result.stderr}\n{log}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        settings = (
            f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.home}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 40\n"
        )
        with (self.data / "postgresql.conf").open("a") as conf:  # appending keeps its owner
            conf.write(settings)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def close(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
                self.stop("immediate")
        shutil.rmtree(self.home, ignore_errors=True)

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


def server_env(database_url: str, redis_url: str | None, **extra: str) -> dict:
    """The environment of a project process under settings.test, on the given services."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "DATABASE_", "REDIS_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="settings.test", DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


class Gunicorn:
    """The project under gunicorn (deploy/gunicorn.conf.py: sync workers) on a free loopback port."""

    def __init__(self, env: dict, log_dir: Path, workers: int = 2, timeout: int = 30):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_TIMEOUT": str(timeout),
            "GUNICORN_GRACEFUL_TIMEOUT": "5",
            "PROMETHEUS_MULTIPROC_DIR": str(log_dir / f"metrics-{self.port}"),
        }
        # --preload: the project is imported once, before the workers fork (they boot at once);
        # no control socket: parallel tests' servers would share its one path under $HOME.
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "deploy/gunicorn.conf.py",
            "--preload",
            "--no-control-socket",
            "vksnd.wsgi",
        ]
        self.process = Process(f"gunicorn-{self.port}", command, env, log_dir)

    def start(self) -> None:
        started = time.monotonic()
        self.process.start()
        # Workers import the project on their first request: slow on a busy 2-core machine.
        wait_until(
            f"gunicorn on {self.port}", lambda: requests.get(f"{self.base}/healthz", timeout=30).ok, 180
        )
        self.ready_after = time.monotonic() - started

    def stop(self) -> None:
        self.process.stop()


class AdminSession(requests.Session):
    """Someone signed in to the admin of a live server (plain HTTP on loopback)."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base
        self.headers["Origin"] = base

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        return super().request(method, self.base + url if url.startswith("/") else url, *args, **kwargs)

    def login(self, username: str, password: str) -> None:
        self.get("/admin/login/")
        response = self.post(
            "/admin/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert response.status_code == 302, f"{username} could not sign in ({response.status_code})"

    def form_post(self, url: str, data: dict, **kwargs) -> requests.Response:
        return self.post(
            url, data={**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}, **kwargs
        )
