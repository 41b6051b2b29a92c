"""
Periodic work from one scheduler, safe when several are running (`manage.py run_scheduler`).

Each job has slots: every `every` (aligned to the epoch), or once a day from `at` (local time).
A job runs in a slot only after the scheduler claims the slot in the shared cache with an atomic
add (Redis `SET NX`): with two schedulers, or a scheduler on every app server, each slot runs
once. A second key held while the job runs keeps a long run from overlapping the next slot's.
A scheduler that was down catches up on the current slot only (a daily job missed at 08:00 runs
when the scheduler comes back that day), never on every missed one. A failed run is logged and
waits for the next slot. The jobs run in the scheduler's process, one after the other, through
the same management commands an operator runs by hand.

The "running" key is a lease, not a guess: it lives `max_runtime` but a thread of the scheduler
renews it every `max_runtime / 3` while the job still runs, and only its holder removes it.
So a job that outlives `max_runtime` still cannot overlap its next slot, while the lease of a
scheduler that died expires by itself and frees the job.

A job with `requires` runs only when that setting is set (mail intake without a mailbox is
not an error every five minutes).

Jobs whose command is not installed (a host site without an app) are skipped with a warning.
"""

from __future__ import annotations

import logging
import threading
import time as time_module
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command, get_commands
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)

KEY_PREFIX = "scheduler"


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    args: tuple[str, ...] = ()
    every: timedelta | None = None
    at: time | None = None  # local time (TIME_ZONE); daily
    max_runtime: timedelta = timedelta(hours=1)
    # A setting that must be set for the job to run (e.g. the intake mailbox's host).
    requires: str | None = None

    def slot(self, now: datetime) -> str | None:
        """The slot `now` falls in, or None when the job is not due yet (a daily job before `at`)."""
        if self.every is not None:
            return str(int(now.timestamp() // self.every.total_seconds()))
        local = timezone.localtime(now)
        if local.time() < self.at:
            return None
        return local.date().isoformat()

    def slot_lifetime(self) -> int:
        """How long a claim is kept: past the end of its slot, so it can never be claimed again."""
        return int(2 * (self.every or timedelta(days=1)).total_seconds()) + 60


# What runs in production (README, "Periodic work"). Deployments change it with PERIODIC_JOBS.
DEFAULT_JOBS = (
    # Scheduled publishing and expiry of pages ("go live" / "expiry" dates in the editor).
    Job("publish_scheduled", "publish_scheduled", every=timedelta(minutes=1)),
    # Webhook retries whose time has come (the task queue's safety net).
    Job("send_due_webhooks", "send_due_webhooks", every=timedelta(minutes=1)),
    # Documents published while the media store failed get their images and clips back.
    Job("repair_content_media", "repair_content_media", every=timedelta(minutes=1)),
    # Reviewers of overdue moderation stages, once a working morning.
    Job("send_workflow_reminders", "send_workflow_reminders", at=time(8, 0)),
    # Direct video uploads never finished (stores without lifecycle rules).
    Job("abort_stale_uploads", "abort_stale_uploads", at=time(3, 0)),
    # Proposals e-mailed by units (issue 16), when an intake mailbox is configured.
    Job(
        "fetch_mail_proposals",
        "fetch_mail_proposals",
        every=timedelta(minutes=5),
        max_runtime=timedelta(minutes=30),
        requires="MAIL_INTAKE_IMAP_HOST",
    ),
    # Personal data: commenters' addresses after COMMENT_IP_RETENTION_DAYS.
    Job("purge_comment_ips", "purge_comment_ips", at=time(2, 30)),
    # Login lockout records: ended counters, logs past LOGIN_RECORD_RETENTION_DAYS.
    Job("purge_login_records", "purge_login_records", at=time(2, 40)),
    # Moderation queues told of new comments after a quiet period.
    Job("send_comment_digests", "send_comment_digests", every=timedelta(minutes=5)),
    # Consultation view counters to the database; closed consultations announced.
    Job("flush_consultation_views", "flush_consultation_views", every=timedelta(minutes=10)),
    # Units reminded of an approaching registration deadline for emulation.
    Job("send_registration_reminders", "send_registration_reminders", at=time(8, 30)),
)


def configured_jobs() -> tuple[Job, ...]:
    return tuple(getattr(settings, "PERIODIC_JOBS", DEFAULT_JOBS))


@dataclass
class Scheduler:
    jobs: Iterable[Job] = field(default_factory=configured_jobs)
    run: Callable[[Job], None] = lambda job: call_command(job.command, *job.args)
    cache_alias: str = "default"
    name: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def cache(self):
        return caches[self.cache_alias]

    def tick(self, now: datetime | None = None) -> list[str]:
        """Run every job due now that no other scheduler has run in this slot; their names."""
        now = now or timezone.now()
        available = get_commands()
        ran = []
        for job in self.jobs:
            slot = job.slot(now)
            if slot is None:
                continue
            if job.command not in available:
                logger.warning("scheduler: %s skipped, no command %r", job.name, job.command)
                continue
            if job.requires and not getattr(settings, job.requires, None):
                continue
            if self.claim(job, slot):
                ran.append(job.name)
        return ran

    def claim(self, job: Job, slot: str) -> bool:
        slot_key = f"{KEY_PREFIX}:slot:{job.name}:{slot}"
        if not self.cache.add(slot_key, self.name, job.slot_lifetime()):
            return False
        running_key = f"{KEY_PREFIX}:running:{job.name}"
        if not self.cache.add(running_key, self.name, int(job.max_runtime.total_seconds())):
            logger.warning(
                "scheduler: %s still running from an earlier slot; slot %s skipped", job.name, slot
            )
            return False
        started = time_module.monotonic()
        lease = Lease(self.cache, running_key, self.name, int(job.max_runtime.total_seconds()))
        lease.start()
        try:
            logger.info("scheduler: %s starts (slot %s)", job.name, slot)
            self.run(job)
        except Exception:
            logger.exception("scheduler: %s failed (slot %s); next try in the next slot", job.name, slot)
        else:
            logger.info("scheduler: %s done in %.1f s", job.name, time_module.monotonic() - started)
        finally:
            lease.release()
            close_old_connections()
        return True


class Lease:
    """
    Keeps `key` (added by its holder) alive while a job runs: renewed every third of its
    lifetime by a daemon thread, removed at the end only if still ours. Django's cache has no
    renewable lock; `touch` (Redis EXPIRE) is the renewal.
    """

    def __init__(self, cache, key: str, holder: str, seconds: int):
        self.cache = cache
        self.key = key
        self.holder = holder
        self.seconds = max(3, seconds)
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self._renew, name=f"lease:{key}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _renew(self) -> None:
        while not self.finished.wait(self.seconds / 3):
            if self.cache.get(self.key) != self.holder or not self.cache.touch(self.key, self.seconds):
                logger.warning("scheduler: lease %s lost while its job runs", self.key)
                return

    def release(self) -> None:
        self.finished.set()
        self.thread.join()
        if self.cache.get(self.key) == self.holder:
            self.cache.delete(self.key)
