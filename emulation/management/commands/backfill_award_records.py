"""manage.py backfill_award_records [--dry-run]"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from emulation.services import backfill_award_records


class Command(BaseCommand):
    help = (
        "Create the award register's rows (AwardRecord) for approved nominees of rounds decided before "
        "the register existed. Safe to run again: nominees already recorded are counted, not duplicated."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be created, write nothing."
        )

    def handle(self, *args, **options) -> None:
        report = backfill_award_records(dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
