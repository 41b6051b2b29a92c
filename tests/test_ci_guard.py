"""Under CI the suite refuses to run on anything but PostgreSQL and Redis."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django_redis.cache import RedisCache

from tests.helpers.services import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent


def run_pytest_collection(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-n",
            "0",
            "-p",
            "no:cov",
            "tests/test_settings.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.heavy
def test_ci_without_postgresql_stops_the_suite_at_once():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CI"] = "true"
    result = run_pytest_collection(env)
    assert result.returncode == 3
    assert "CI must run on PostgreSQL" in result.stdout + result.stderr


@pytest.mark.heavy
def test_ci_without_redis_stops_the_suite_at_once():
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(CI="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused")
    result = run_pytest_collection(env)
    assert result.returncode == 3
    assert "CI must run with Redis" in result.stdout + result.stderr


def test_the_cache_is_redis_when_redis_url_is_set():
    if not os.environ.get("REDIS_URL"):
        skip_or_fail("needs Redis: set REDIS_URL")
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.set("ci-guard-probe", "đoàn kết", 5)
    assert cache.get("ci-guard-probe") == "đoàn kết"


@pytest.mark.django_db
def test_the_database_is_postgresql_when_database_url_says_so(postgres):
    assert connection.vendor == "postgresql"
