"""Run the mail intake pipeline on one saved message (.eml)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exemplar_pages.mail_intake import ingest
from exemplar_pages.models import MailStatus


class Command(BaseCommand):
    help = "Make a draft proposal from a saved e-mail message (FILE.eml), as fetch_mail_proposals does."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The message, as saved by a mail client (.eml).")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        record, processed = ingest(file.read_bytes())
        if not processed:
            self.stdout.write(f"Already processed: {record.message_id} ({record.get_status_display()}).")
        elif record.status == MailStatus.CREATED:
            self.stdout.write(
                self.style.SUCCESS(f"Draft proposal created: page {record.page_id} for {record.unit}.")
            )
        else:
            self.stdout.write(self.style.WARNING(f"Quarantined: {record.reason}"))
