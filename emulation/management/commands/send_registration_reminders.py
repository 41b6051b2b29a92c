"""manage.py send_registration_reminders: daily reminders of the registration deadline."""

from django.core.management.base import BaseCommand

from emulation.reminders import send_registration_reminders


class Command(BaseCommand):
    help = "E-mail the units without a confirmed registration as the deadline of a year approaches."

    def handle(self, *args, **options) -> None:
        report = send_registration_reminders()
        self.stdout.write(f"Units reminded: {report.units}; e-mails: {report.e_mails}.")
