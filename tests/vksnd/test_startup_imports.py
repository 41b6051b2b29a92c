"""
An app server starts without the libraries only a few rare views, exports and commands use.

Every gunicorn worker keeps in memory whatever the WSGI application imported while it started
(issue 20: at most 150 MB per worker). Spreadsheets, Word documents, iCalendar feeds, the
statutory-holiday seed and the mail intake's converter are imported where they are used, and
boto3 only by a deployment whose media are on S3. A fresh interpreter imports the WSGI
application and its URL configuration as a worker does, and says what got loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

# What production and any other deployment must not load at start-up.
LAZY_EVERYWHERE = [
    "openpyxl",  # XLSX exports and imports (engagement, emulation, cms.services.unit_import)
    "docx",  # python-docx: Word reports (engagement.consultations, emulation.achievement_report)
    "holidays",  # the statutory calendar's yearly seed (cms.calendar)
    "icalendar",  # the weekly schedules' iCalendar feed (public_site.schedules)
    "mammoth",  # Word proposals received by mail (exemplar_pages.mail_intake)
    # Not even installed: Willow loads it whenever it is, and no HEIC/AVIF image is accepted
    # (WAGTAILIMAGES_EXTENSIONS); the locks leave it out (Makefile, UV_LOCK).
    "pillow_heif",
]
# What only a deployment with S3 media loads (django-storages resolves the storages then).
LAZY_WITHOUT_S3 = ["boto3", "botocore", "s3transfer", "storages"]

BASE_ENV = {
    "SECRET_KEY": "x" * 20 + "-startup-imports-secret-with-enough-entropy-" + "y" * 20,
    "DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3",
    "ALLOWED_HOSTS": "cms.example.vn",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
}
CASES = {
    "production with S3": {
        **BASE_ENV,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "AWS_STORAGE_BUCKET_NAME": "media",
    },
    "local media storage": {**BASE_ENV, "DJANGO_SETTINGS_MODULE": "settings.dev"},
}
WATCHED = LAZY_EVERYWHERE + LAZY_WITHOUT_S3

# What a gunicorn worker does before its first request (vksnd.wsgi), plus the URL configuration
# its first request loads (the admin's views among it).
PROBE = r"""
import json, sys
from vksnd.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
watched = json.loads(sys.argv[1])
print(json.dumps(sorted(name for name in watched if name in sys.modules)))
"""


def loaded_at_startup(env: dict[str, str]) -> list[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "AWS_STORAGE_BUCKET_NAME")
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(WATCHED)],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def loaded() -> dict[str, list[str]]:
    return {name: loaded_at_startup(env) for name, env in CASES.items()}


@pytest.mark.parametrize("case", CASES)
def test_a_worker_starts_without_the_libraries_of_rare_exports_and_commands(loaded, case):
    assert [name for name in LAZY_EVERYWHERE if name in loaded[case]] == []


def test_a_worker_without_s3_media_never_loads_boto3(loaded):
    assert [name for name in LAZY_WITHOUT_S3 if name in loaded["local media storage"]] == []


def test_a_worker_with_s3_media_loads_its_storage_backend(loaded):
    # The guard above means something: the same probe sees boto3 when S3 is configured.
    assert {"boto3", "storages"} <= set(loaded["production with S3"])
