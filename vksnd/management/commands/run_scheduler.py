"""Run the periodic jobs of vksnd/scheduler.py: a long-running process, or `--once` from cron."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand

from vksnd.scheduler import Scheduler


class Command(BaseCommand):
    help = (
        "Run periodic work (scheduled publishing, webhook retries, reminders, stale uploads); "
        "safe with several schedulers: each run is claimed in Redis."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass over the jobs, then exit.")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between passes (10).")

    def handle(self, *args, once: bool = False, interval: float = 10.0, **options):
        scheduler = Scheduler()
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            ran = scheduler.tick()
            if ran and options["verbosity"] > 0:
                self.stdout.write("Ran: " + ", ".join(ran))
            if once or stop.wait(interval):
                return
