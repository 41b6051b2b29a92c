"""Read the intake mailbox over IMAP: proposals from units' addresses, the rest in quarantine."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from exemplar_pages.imap import fetch_mail_proposals


class Command(BaseCommand):
    help = "Read unseen messages of the intake mailbox (MAIL_INTAKE_IMAP_*) and make draft proposals."

    def handle(self, *args, **options):
        try:
            report = fetch_mail_proposals()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Draft proposals created: {report.created}; quarantined: {report.quarantined}; "
            f"already processed: {report.duplicates}."
        )
