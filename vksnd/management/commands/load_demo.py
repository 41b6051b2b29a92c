"""Load the demo content and accounts (refused under production settings)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vksnd.demo import DEMO_ACCOUNTS, demo_password, load_demo


class Command(BaseCommand):
    help = "Create demo accounts and demo content built from the source documents (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError("load_demo is refused with these settings (DEMO_CONTENT_ALLOWED is off).")
        for line in load_demo().lines():
            self.stdout.write(line)
        self.stdout.write(f"Demo logins (password for all: {demo_password()}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<20} {account.description}")
