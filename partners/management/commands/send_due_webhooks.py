"""Attempt every webhook delivery that is due (run every minute by the scheduler)."""

from django.core.management.base import BaseCommand

from partners.tasks import deliver_due


class Command(BaseCommand):
    help = "Send the webhook deliveries whose next attempt is due (a safety net for the task queue)."

    def handle(self, *args, **options):
        self.stdout.write(f"Webhook deliveries attempted: {deliver_due()}.")
