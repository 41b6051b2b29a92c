"""Re-project every published page into the content API (after a change of representations)."""

from django.core.management.base import BaseCommand

from content_api.projection import rebuild_all


class Command(BaseCommand):
    help = "Rewrite the content API documents of every live page and drop those of pages no longer live."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"Content API documents rebuilt: {count}.")
