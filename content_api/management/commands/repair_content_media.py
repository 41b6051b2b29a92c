"""Re-project the documents published without some of their media (run every minute by the scheduler)."""

from django.core.management.base import BaseCommand

from content_api.repairs import repair_due


class Command(BaseCommand):
    help = (
        "Re-project the content API documents that were published while the media store failed, "
        "once their next attempt is due."
    )

    def handle(self, *args, **options):
        tried, whole = repair_due()
        self.stdout.write(f"Documents re-projected: {tried}; with all their media now: {whole}.")
