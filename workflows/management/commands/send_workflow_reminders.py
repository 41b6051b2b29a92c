"""Remind reviewers of overdue workflow stages; idempotent per day (run it from a scheduler)."""

from django.core.management.base import BaseCommand

from workflows.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the reviewers of overdue workflow stages (once per stage and day)."

    def handle(self, *args, **options):
        report = send_reminders()
        self.stdout.write(f"Overdue stages reminded: {report.reminded}; e-mails sent: {report.e_mails}.")
