"""Check a restored database against the media store: every file it names must be there."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vksnd.media_check import check_media


class Command(BaseCommand):
    help = (
        "After restoring a backup: check that every file the database names (images, renditions, "
        "documents, clips, captions) exists in the media store; exits non-zero when one is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--show", type=int, default=20, help="Missing files listed per field (20).")

    def handle(self, *args, show: int = 20, **options):
        reports = check_media()
        missing = 0
        for report in reports:
            if not report.checked:
                continue
            missing += len(report.missing)
            state = "OK" if not report.missing else f"{len(report.missing)} MISSING"
            self.stdout.write(f"{report.label}: {report.checked} files, {state}")
            for name in report.missing[:show]:
                self.stdout.write(f"    missing {name}")
        checked = sum(report.checked for report in reports)
        if missing:
            raise CommandError(
                f"{missing} of {checked} files named by the database are not in the media store."
            )
        self.stdout.write(
            self.style.SUCCESS(f"All {checked} files named by the database are in the media store.")
        )
