"""Every settings module loads; production refuses to start half-configured and passes check --deploy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-secret-with-enough-entropy-" + "y" * 20,
    "DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3",
    "ALLOWED_HOSTS": "cms.example.vn",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "AWS_STORAGE_BUCKET_NAME": "media",
}
REQUIRED_IN_PRODUCTION = ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"]

# Variables of the test process that a deployment never has, nor a fresh shell.
TEST_ONLY_ENV = ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")

# One fresh interpreter reads every settings module the way a deployment's process would: each
# module imported anew (the environment read again) with the environment given for it; then
# Django is set up once, with the test settings, to format a date. Starting Python and Django
# once instead of once per question keeps these tests fast.
PROBE = r"""
import importlib, json, os, sys

cases, base_env = json.loads(sys.argv[1]), dict(os.environ)
results = {}
for name, module, env, drop in cases:
    os.environ.clear()
    os.environ.update({k: v for k, v in base_env.items() if k not in drop}, **env)
    for loaded in [m for m in sys.modules if m == "settings" or m.startswith("settings.")]:
        del sys.modules[loaded]
    try:
        s = importlib.import_module(module)
    except Exception as exc:
        results[name] = {"error": f"{type(exc).__name__}: {exc}"}
        continue
    results[name] = {
        "LANGUAGE_CODE": s.LANGUAGE_CODE,
        "TIME_ZONE": s.TIME_ZONE,
        "DEBUG": s.DEBUG,
        "SECRET_KEY": s.SECRET_KEY,
        "DEMO_CONTENT_ALLOWED": s.DEMO_CONTENT_ALLOWED,
        "CACHE": s.CACHES["default"]["BACKEND"],
        "CACHE_LOCATION": str(s.CACHES["default"].get("LOCATION", "")),
        "STORAGE": s.STORAGES["default"]["BACKEND"],
        "TASKS": s.TASKS["default"]["BACKEND"],
    }

os.environ.clear()
os.environ.update(base_env, DJANGO_SETTINGS_MODULE="settings.test")
for loaded in [m for m in sys.modules if m == "settings" or m.startswith("settings.")]:
    del sys.modules[loaded]
import datetime, django
django.setup()
from django.utils import formats, translation
translation.activate("vi")
results["short_date"] = formats.date_format(datetime.date(2021, 3, 12), "SHORT_DATE_FORMAT")
print(json.dumps(results))
"""


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}


@pytest.fixture(scope="module")
def probed() -> dict:
    cases = [
        ("settings.dev", "settings.dev", {}, ["REDIS_URL"]),
        ("settings.dev with Redis", "settings.dev", {"REDIS_URL": "redis://127.0.0.1:6379/9"}, []),
        ("settings.test", "settings.test", {}, []),
        ("settings.production", "settings.production", PRODUCTION_ENV, []),
        ("settings.base", "settings.base", {}, ["SECRET_KEY"]),
        *[
            (
                f"production without {missing}",
                "settings.production",
                {k: v for k, v in PRODUCTION_ENV.items() if k != missing},
                [missing],
            )
            for missing in REQUIRED_IN_PRODUCTION
        ],
    ]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(cases)],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", ["settings.dev", "settings.test", "settings.production"])
def test_every_settings_module_loads(probed, module):
    assert "error" not in probed[module], probed[module]
    assert (probed[module]["LANGUAGE_CODE"], probed[module]["TIME_ZONE"]) == ("vi", "Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("missing", REQUIRED_IN_PRODUCTION)
def test_production_refuses_to_start_without_required_variables(probed, missing):
    assert f"{missing} must be set in production" in probed[f"production without {missing}"]["error"]


def test_base_settings_are_safe_by_default(probed):
    base = probed["settings.base"]
    assert [base["DEBUG"], base["SECRET_KEY"], base["DEMO_CONTENT_ALLOWED"]] == [False, None, False]


def test_production_settings_pass_check_deploy_without_warnings():
    env = {**clean_env(), **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "settings.production"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_uses_redis_s3_and_the_database_task_backend_when_configured(probed):
    production = probed["settings.production"]
    assert [production["CACHE"], production["STORAGE"], production["TASKS"]] == [
        "django_redis.cache.RedisCache",
        "storages.backends.s3.S3Storage",
        "django_tasks_db.DatabaseBackend",
    ]


def test_dates_are_shown_day_first(probed):
    assert probed["short_date"] == "12/03/2021"


def test_development_without_redis_uses_a_cache_every_process_of_the_machine_shares(probed):
    dev = probed["settings.dev"]
    assert dev["CACHE"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert Path(dev["CACHE_LOCATION"]) == ROOT / "var" / "cache" / "default"


def test_development_with_redis_uses_redis(probed):
    assert probed["settings.dev with Redis"]["CACHE"] == "django_redis.cache.RedisCache"
