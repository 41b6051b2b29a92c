"""manage.py import_summary_list FILE.xlsx --round ID [--unit CODE] [--dry-run]"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.models import Unit
from emulation.models import NominationRound
from emulation.summary_list import import_summary_list


class Command(BaseCommand):
    help = "Import a summary list (danh sách trích ngang) into a nomination round: all rows or none."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The XLSX file.")
        parser.add_argument("--round", type=int, required=True, help="Id of the nomination round.")
        parser.add_argument("--unit", help="Code of the proposing unit, for files without a unit column.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row, write nothing.")

    def handle(self, *args, **options) -> None:
        try:
            round = NominationRound.objects.get(pk=options["round"])
        except NominationRound.DoesNotExist as error:
            raise CommandError(f"No nomination round with id {options['round']}.") from error
        unit = None
        if options["unit"]:
            try:
                unit = Unit.objects.by_code(options["unit"])
            except Unit.DoesNotExist as error:
                raise CommandError(f"No unit with code {options['unit']}.") from error
        if not options["file"].is_file():
            raise CommandError(f"No such file: {options['file']}")
        try:
            report = import_summary_list(
                options["file"], round, default_unit=unit, dry_run=options["dry_run"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not report.ok:
            for line in report.lines():
                self.stderr.write(line)
            raise CommandError(f"{len(report.errors)} bad row(s): nothing was written.")
        for line in report.lines():
            self.stdout.write(line)
