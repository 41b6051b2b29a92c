"""Move consultation view counters from the cache to the database, and announce closed windows."""

from django.core.management.base import BaseCommand

from engagement.consultations import flush_views, notify_closed


class Command(BaseCommand):
    help = "Store consultation view counts and notify emulation & rewards of closed consultations (run every 10 minutes)."

    def handle(self, *args, **options) -> None:
        moved = flush_views()
        closed = notify_closed()
        self.stdout.write(f"{moved} view(s) stored; {closed} closed consultation(s) announced.")
