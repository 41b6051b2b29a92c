"""Attempt every webhook delivery that is due (run every minute by the scheduler)."""

from django.core.management.base import BaseCommand

from content_api.expiry import expire_due
from partners.tasks import deliver_due


class Command(BaseCommand):
    help = "Send the webhook deliveries whose next attempt is due (a safety net for the task queue)."

    def handle(self, *args, **options):
        # Expired items leave the API and enter the feed (with their webhooks) even when no
        # request came since they expired.
        expire_due()
        self.stdout.write(f"Webhook deliveries attempted: {deliver_due()}.")
