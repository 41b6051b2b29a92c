"""
The apps install into a fresh Wagtail project by the steps of docs/install-as-plugin.md: the
wheel is built, a project made by `wagtail start` in a fresh virtualenv gets the wheel and the
documented settings and URLs, migrates, runs setup_site, and serves the API and the admin.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.helpers.makemessages import project_copy
from tests.helpers.services import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "install-as-plugin.md"
BLOCK_RE = re.compile(r'```python title="(?P<title>[^"]+)"\n(?P<code>.*?)```', re.S)


def documented_blocks() -> dict[str, str]:
    return {m["title"]: m["code"] for m in BLOCK_RE.finditer(DOC.read_text(encoding="utf-8"))}


def run(*args, cwd: Path, env: dict | None = None, timeout: int = 300) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> requests.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_the_documented_blocks_are_there():
    assert set(documented_blocks()) == {
        "mysite/settings/base.py (at the end)",
        "mysite/urls.py (first in urlpatterns)",
    }


# Builds a wheel and a whole Wagtail project: about a minute, on one xdist worker.
@pytest.mark.heavy
def test_the_wheel_installs_into_a_fresh_wagtail_project_by_the_documented_steps(tmp_path):
    uv = Path(sys.executable).parent / "uv"
    if not uv.exists():
        skip_or_fail("needs uv in the project's virtualenv (make installs it)")
    # 1. The wheel, built from a copy of this checkout (building writes beside the sources).
    source = project_copy(tmp_path / "source")
    run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        "--outdir",
        tmp_path / "dist",
        ".",
        cwd=source,
    )
    [wheel] = (tmp_path / "dist").glob("vksnd_exemplar_cms-*.whl")
    # A fresh virtualenv with the wheel and its declared dependencies, at the locked versions.
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(
        uv,
        "pip",
        "install",
        "--quiet",
        "--python",
        python,
        wheel,
        "-c",
        ROOT / "requirements.txt",
        cwd=tmp_path,
    )
    # A project as `wagtail start` makes it.
    run(venv / "bin" / "wagtail", "start", "mysite", cwd=tmp_path)
    site = tmp_path / "mysite"
    # 2. and 3. The settings block and the URL line of the document.
    blocks = documented_blocks()
    settings_file = site / "mysite" / "settings" / "base.py"
    settings_file.write_text(
        settings_file.read_text() + "\n" + blocks["mysite/settings/base.py (at the end)"], encoding="utf-8"
    )
    urls_file = site / "mysite" / "urls.py"
    urls = urls_file.read_text()
    assert "urlpatterns = [\n" in urls
    urls_file.write_text(
        urls.replace(
            "urlpatterns = [\n", "urlpatterns = [\n" + blocks["mysite/urls.py (first in urlpatterns)"], 1
        ),
        encoding="utf-8",
    )
    # 4. Migrate and set up, on the project's own SQLite database.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PYTEST", "COV_"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "mysite.settings.dev"
    run(python, "manage.py", "migrate", "--noinput", cwd=site, env=env)
    assert "Site set up." in run(python, "manage.py", "setup_site", cwd=site, env=env)
    # The host serves the content API and the admin.
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        api = wait_for(f"http://127.0.0.1:{port}/api/content/v1/exemplars/")
        assert api.status_code == 200, api.text[:500]
        assert api.json() == {"items": [], "next": None}
        login = requests.get(f"http://127.0.0.1:{port}/admin/login/", timeout=10)
        assert login.status_code == 200
        assert 'lang="vi"' in login.text
    finally:
        server.terminate()
        server.wait(timeout=10)
    shutil.rmtree(tmp_path / "venv", ignore_errors=True)
