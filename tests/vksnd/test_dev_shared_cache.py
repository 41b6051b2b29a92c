"""In development without Redis, a publication made by another process is seen by `make run` at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The content version as a management command (publish_scheduled, the shell) turns it over...
WRITE = """
import django; django.setup()
import time
from django.core.cache import cache
from content_api import versioning
cache.set(versioning.VERSION_KEY, {"token": "set-by-a-command", "at": int(time.time()), "next_expiry": None}, None)
"""
# ...and as the running server reads it for its next ETag.
READ = """
import django; django.setup()
from content_api import versioning
print(versioning.current()["token"])
"""


def _run(code: str, cache_dir: Path) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTEST_XDIST_WORKER"}
    }
    env.update(DJANGO_SETTINGS_MODULE="settings.dev", DEV_CACHE_DIR=str(cache_dir))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_content_version_set_by_one_process_is_the_one_another_process_serves(tmp_path):
    _run(WRITE, tmp_path)
    assert _run(READ, tmp_path) == "set-by-a-command"
