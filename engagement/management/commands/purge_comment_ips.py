"""Forget commenters' IP addresses older than COMMENT_IP_RETENTION_DAYS (run daily)."""

from django.core.management.base import BaseCommand

from engagement.comments import purge_ips


class Command(BaseCommand):
    help = "Forget commenters' IP addresses older than COMMENT_IP_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{purge_ips()} IP address(es) forgotten.")
