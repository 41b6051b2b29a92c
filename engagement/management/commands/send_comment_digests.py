"""Tell each moderation queue of new comments once they stopped coming for a while (run every few minutes)."""

from django.core.management.base import BaseCommand

from engagement.comments import send_digests


class Command(BaseCommand):
    help = "E-mail each moderation queue about new comments after a quiet period (run every 5 minutes)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{send_digests()} digest(s) sent.")
