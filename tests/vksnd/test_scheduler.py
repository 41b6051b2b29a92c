"""
Periodic work: each job runs once per slot however many schedulers are up, never overlaps
itself, catches up on the current slot after a pause, and a failure stops nothing else.
"""

from __future__ import annotations

import threading
import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command, get_commands

from vksnd import scheduler as scheduler_module
from vksnd.scheduler import DEFAULT_JOBS, Job, Scheduler

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
EVERY_MINUTE = Job("webhooks", "send_due_webhooks", every=timedelta(minutes=1))
DAILY_AT_8 = Job("reminders", "send_workflow_reminders", at=time(8, 0))


class Recorder:
    def __init__(self, fail: set[str] = frozenset()):
        self.calls: list[str] = []
        self.fail = fail
        self.lock = threading.Lock()

    def __call__(self, job: Job) -> None:
        with self.lock:
            self.calls.append(job.name)
        if job.name in self.fail:
            raise RuntimeError("boom")


def at(hour: int, minute: int = 0, second: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 12, day, hour, minute, second, tzinfo=HCM)


def test_two_schedulers_at_the_same_moment_run_each_job_once():
    runs = Recorder()
    first = Scheduler(jobs=[EVERY_MINUTE, DAILY_AT_8], run=runs)
    second = Scheduler(jobs=[EVERY_MINUTE, DAILY_AT_8], run=runs)
    moment = at(9, 15, 5)
    barrier = threading.Barrier(4)

    def tick(scheduler):
        barrier.wait()
        scheduler.tick(moment)

    threads = [threading.Thread(target=tick, args=(s,)) for s in (first, second, first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(runs.calls) == ["reminders", "webhooks"]


def test_a_minute_job_runs_again_in_the_next_minute_not_in_the_same_one():
    runs = Recorder()
    scheduler = Scheduler(jobs=[EVERY_MINUTE], run=runs)
    assert scheduler.tick(at(9, 15, 0)) == ["webhooks"]
    assert scheduler.tick(at(9, 15, 59)) == []
    assert Scheduler(jobs=[EVERY_MINUTE], run=runs).tick(at(9, 15, 30)) == []
    assert scheduler.tick(at(9, 16, 1)) == ["webhooks"]
    assert runs.calls == ["webhooks", "webhooks"]


def test_a_daily_job_waits_for_its_hour_catches_up_later_that_day_and_runs_once():
    runs = Recorder()
    scheduler = Scheduler(jobs=[DAILY_AT_8], run=runs)
    assert scheduler.tick(at(7, 59)) == []
    # The scheduler was down at 08:00: it runs the day's reminders when it is back.
    assert scheduler.tick(at(11, 30)) == ["reminders"]
    assert scheduler.tick(at(17, 0)) == []
    assert scheduler.tick(at(8, 0, day=3)) == ["reminders"]


def test_a_job_still_running_is_not_started_again_by_another_scheduler():
    started, release = threading.Event(), threading.Event()
    runs = Recorder()

    def slow(job):
        runs(job)
        started.set()
        release.wait(5)

    first = Scheduler(jobs=[EVERY_MINUTE], run=slow)
    thread = threading.Thread(target=first.tick, args=(at(9, 0),))
    thread.start()
    started.wait(5)
    # The next minute's slot, claimed by another scheduler while the first run goes on.
    assert Scheduler(jobs=[EVERY_MINUTE], run=runs).tick(at(9, 1)) == []
    release.set()
    thread.join()
    assert Scheduler(jobs=[EVERY_MINUTE], run=runs).tick(at(9, 2)) == ["webhooks"]
    assert runs.calls == ["webhooks", "webhooks"]


def test_a_failing_job_is_logged_and_the_others_still_run(caplog):
    runs = Recorder(fail={"webhooks"})
    scheduler = Scheduler(jobs=[EVERY_MINUTE, DAILY_AT_8], run=runs)
    assert scheduler.tick(at(9, 0)) == ["webhooks", "reminders"]
    assert "webhooks failed" in caplog.text
    # Not retried within its slot, and not left "running".
    assert scheduler.tick(at(9, 0, 30)) == []
    assert scheduler.tick(at(9, 1)) == ["webhooks"]


def test_a_job_without_its_command_is_skipped(caplog):
    runs = Recorder()
    missing = Job("mail", "fetch_mail_that_does_not_exist", every=timedelta(minutes=5))
    assert Scheduler(jobs=[missing], run=runs).tick(at(9, 0)) == []
    assert runs.calls == []
    assert "no command 'fetch_mail_that_does_not_exist'" in caplog.text


def test_every_default_job_names_an_installed_command():
    assert {job.command for job in DEFAULT_JOBS} <= set(get_commands())
    assert {job.command for job in DEFAULT_JOBS} >= {
        "publish_scheduled",
        "send_due_webhooks",
        "send_workflow_reminders",
        "abort_stale_uploads",
    }


@pytest.mark.django_db
def test_run_scheduler_once_runs_the_real_commands_once(monkeypatch, settings):
    settings.PERIODIC_JOBS = [EVERY_MINUTE, Job("publish", "publish_scheduled", every=timedelta(minutes=1))]
    called = []
    real = scheduler_module.call_command
    monkeypatch.setattr(
        scheduler_module, "call_command", lambda name, *a: called.append(name) or real(name, *a)
    )
    call_command("run_scheduler", "--once", verbosity=0)
    call_command("run_scheduler", "--once", verbosity=0)
    assert sorted(called) == ["publish_scheduled", "send_due_webhooks"]


def test_a_job_outliving_its_max_runtime_still_does_not_overlap_its_next_slot():
    short = Job("webhooks", "send_due_webhooks", every=timedelta(minutes=1), max_runtime=timedelta(seconds=3))
    started, release = threading.Event(), threading.Event()
    runs = Recorder()

    def slow(job):
        runs(job)
        started.set()
        release.wait(10)

    first = Scheduler(jobs=[short], run=slow)
    thread = threading.Thread(target=first.tick, args=(at(9, 0),))
    thread.start()
    started.wait(5)
    # Twice the job's max_runtime later: its lease was renewed, so the next slot waits.
    threading.Event().wait(6)
    assert Scheduler(jobs=[short], run=runs).tick(at(9, 1)) == []
    release.set()
    thread.join()
    assert Scheduler(jobs=[short], run=runs).tick(at(9, 2)) == ["webhooks"]
    assert runs.calls == ["webhooks", "webhooks"]


def test_a_lease_is_removed_only_by_its_holder():
    from django.core.cache import cache

    lease = scheduler_module.Lease(cache, "scheduler:running:test-lease", "mine", 60)
    cache.add("scheduler:running:test-lease", "mine", 60)
    lease.start()
    cache.set("scheduler:running:test-lease", "someone-else", 60)
    lease.release()
    assert cache.get("scheduler:running:test-lease") == "someone-else"
    cache.delete("scheduler:running:test-lease")


def test_mail_intake_is_scheduled_and_runs_only_with_a_mailbox(settings):
    intake = next(job for job in DEFAULT_JOBS if job.command == "fetch_mail_proposals")
    settings.MAIL_INTAKE_IMAP_HOST = ""
    runs = Recorder()
    assert Scheduler(jobs=[intake], run=runs).tick(at(9, 0)) == []
    settings.MAIL_INTAKE_IMAP_HOST = "imap.example.test"
    assert Scheduler(jobs=[intake], run=runs).tick(at(9, 0)) == ["fetch_mail_proposals"]
    assert runs.calls == ["fetch_mail_proposals"]


def test_personal_data_purges_and_engagement_jobs_are_scheduled():
    assert {job.command for job in DEFAULT_JOBS} >= {
        "fetch_mail_proposals",
        "purge_comment_ips",
        "send_comment_digests",
        "flush_consultation_views",
        "send_registration_reminders",
    }
