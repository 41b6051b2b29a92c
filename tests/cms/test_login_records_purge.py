"""
Login lockout records do not pile up: the daily purge drops counters whose cool-off has ended
(they lock nobody any more) and failed-login and login logs past LOGIN_RECORD_RETENTION_DAYS,
and keeps a lock that still holds.
"""

from __future__ import annotations

import io
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory
from vksnd.scheduler import DEFAULT_JOBS

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def fail(username: str, times: int, ip: str) -> list[int]:
    client = Client(REMOTE_ADDR=ip)
    return [
        client.post("/admin/login/", {"username": username, "password": "wrong-password"}).status_code
        for _ in range(times)
    ]


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_login_records", *args, stdout=out)
    return out.getvalue()


def log_entry(model, username: str, days_ago: int):
    entry = model.objects.create(
        username=username,
        ip_address="203.0.113.5",
        user_agent="test",
        http_accept="*/*",
        path_info="/admin/login/",
    )
    model.objects.filter(pk=entry.pk).update(attempt_time=timezone.now() - timedelta(days=days_ago))
    return entry


@pytest.fixture
def locks(settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="nhanvien")
    UserFactory(username="cu")
    assert fail("cu", 3, ip="198.51.100.7")[-1] == 429
    assert fail("nhanvien", 3, ip="203.0.113.5")[-1] == 429
    ended = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.filter(username="cu").update(attempt_time=ended)


def test_the_purge_drops_counters_whose_cool_off_ended_and_keeps_a_lock_that_holds(locks):
    assert "Lockout counters dropped: 1;" in purge()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["nhanvien"]
    assert fail("nhanvien", 1, ip="203.0.113.5") == [429]  # still locked
    assert fail("cu", 1, ip="198.51.100.7") == [200]  # counting again from zero


def test_logs_older_than_the_retention_go_and_recent_ones_stay(settings):
    settings.LOGIN_RECORD_RETENTION_DAYS = 30
    old_failure, new_failure = log_entry(AccessFailureLog, "a", 31), log_entry(AccessFailureLog, "b", 29)
    old_login, new_login = log_entry(AccessLog, "a", 40), log_entry(AccessLog, "b", 1)
    assert "failed-login logs: 1; login logs: 1." in purge()
    assert list(AccessFailureLog.objects.values_list("pk", flat=True)) == [new_failure.pk]
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [new_login.pk]
    assert old_failure.pk != new_failure.pk and old_login.pk != new_login.pk


def test_an_operator_can_keep_fewer_days_for_one_run(settings):
    settings.LOGIN_RECORD_RETENTION_DAYS = 90
    log_entry(AccessFailureLog, "a", 10)
    purge("--days", "7")
    assert not AccessFailureLog.objects.exists()


def test_the_retention_comes_from_the_environment_and_is_listed_in_the_example(monkeypatch):
    monkeypatch.setenv("LOGIN_RECORD_RETENTION_DAYS", "45")
    assert runpy.run_path(str(ROOT / "settings" / "base.py"))["LOGIN_RECORD_RETENTION_DAYS"] == 45
    monkeypatch.delenv("LOGIN_RECORD_RETENTION_DAYS")
    assert runpy.run_path(str(ROOT / "settings" / "base.py"))["LOGIN_RECORD_RETENTION_DAYS"] == 90
    assert "\nLOGIN_RECORD_RETENTION_DAYS=90\n" in (ROOT / ".env.example").read_text()


def test_the_scheduler_runs_the_purge_daily():
    job = next(job for job in DEFAULT_JOBS if job.command == "purge_login_records")
    assert job.at is not None and job.every is None
