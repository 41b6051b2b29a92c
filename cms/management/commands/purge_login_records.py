"""Drop the login lockout records axes no longer needs (run daily by the scheduler)."""

from django.core.management.base import BaseCommand

from cms.lockouts import purge_records


class Command(BaseCommand):
    help = (
        "Drop login lockout counters whose cool-off has ended, and failed-login and login logs "
        "older than LOGIN_RECORD_RETENTION_DAYS (run daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Days of logs to keep (LOGIN_RECORD_RETENTION_DAYS)."
        )

    def handle(self, *args, days: int | None = None, **options) -> None:
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        purged = purge_records(days)
        self.stdout.write(
            f"Lockout counters dropped: {purged.attempts}; failed-login logs: {purged.failure_logs}; "
            f"login logs: {purged.access_logs}."
        )
