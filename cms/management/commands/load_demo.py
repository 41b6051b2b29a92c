"""Load the demo content and accounts (refused under production settings)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.services.demo import DEMO_ACCOUNTS, demo_password, ensure_demo_accounts
from cms.services.setup import setup_site
from exemplar_pages.demo import load_demo_content
from translations.demo import load_demo_translations
from workflows.demo import load_demo_moderation


class Command(BaseCommand):
    help = "Create demo accounts and demo content built from the source documents (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError("load_demo is refused with these settings (DEMO_CONTENT_ALLOWED is off).")
        setup_site()
        created = ensure_demo_accounts()
        self.stdout.write(f"Demo accounts created: {len(created)}.")
        self.stdout.write(load_demo_content().summary())
        self.stdout.write(f"Exemplars waiting at an approval stage created: {load_demo_moderation()}.")
        self.stdout.write(f"English editions created: {load_demo_translations()}.")
        self.stdout.write(f"Demo logins (password for all: {demo_password()}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<20} {account.description}")
