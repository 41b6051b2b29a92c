"""Every settings module loads; production refuses to start half-configured and passes check --deploy."""

from __future__ import annotations

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


# Variables of the test process that a deployment never has.
TEST_ONLY_ENV = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def run_python(code: str, settings_module: str, extra_env: dict[str, str] | None = None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in (*drop, *TEST_ONLY_ENV)}
    env.update(extra_env or {})
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def manage(*args: str, settings_module: str, extra_env: dict[str, str]):
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    env.update(extra_env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("module", ["settings.dev", "settings.test", "settings.production"])
def test_every_settings_module_loads(module):
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.DEBUG)",
        module,
        PRODUCTION_ENV if module == "settings.production" else None,
    )
    assert result.returncode == 0, result.stderr
    language, tz, _debug = result.stdout.split()
    assert (language, tz) == ("vi", "Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"])
def test_production_refuses_to_start_without_required_variables(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_python("import django; django.setup()", "settings.production", env, drop=(missing,))
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_base_settings_are_safe_by_default():
    result = run_python(
        "import settings.base as b; print(b.DEBUG, b.SECRET_KEY, b.DEMO_CONTENT_ALLOWED)",
        "settings.base",
        drop=("SECRET_KEY",),
    )
    assert result.stdout.split() == ["False", "None", "False"]


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings_module="settings.production",
        extra_env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_uses_redis_s3_and_the_database_task_backend_when_configured():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'], "
        "s.TASKS['default']['BACKEND'])",
        "settings.production",
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "storages.backends.s3.S3Storage",
        "django_tasks_db.DatabaseBackend",
    ]


def test_dates_are_shown_day_first():
    result = run_python(
        "import django, datetime; django.setup(); from django.utils import formats, translation; "
        "translation.activate('vi'); "
        "print(formats.date_format(datetime.date(2021, 3, 12), 'SHORT_DATE_FORMAT'))",
        "settings.test",
    )
    assert result.stdout.strip() == "12/03/2021"
