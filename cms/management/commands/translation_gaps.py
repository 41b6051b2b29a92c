"""List Wagtail and wagtail-localize messages the admin shows in English (after an upgrade)."""

from django.core.management.base import BaseCommand, CommandError

from cms.i18n_audit import missing_translations


class Command(BaseCommand):
    help = "List admin messages of Wagtail and wagtail-localize without a Vietnamese translation."

    def handle(self, *args, **options):
        problems = missing_translations()
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} message(s) without a Vietnamese translation.")
        self.stdout.write(self.style.SUCCESS("Every admin message has a Vietnamese translation."))
