"""manage.py emulation_report --year YYYY --format xlsx|csv --output FILE"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from emulation.report import build_report, to_csv, to_xlsx


class Command(BaseCommand):
    help = "Write the yearly report of emulation & rewards (a sheet per table, or CSV sections)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, **options) -> None:
        if not 2000 <= options["year"] <= 2100:
            raise CommandError("The year must be between 2000 and 2100.")
        with translation.override("vi"):
            report = build_report(options["year"])
            if options["format"] == "xlsx":
                options["output"].write_bytes(to_xlsx(report))
            else:
                options["output"].write_text(to_csv(report), encoding="utf-8-sig")
        self.stdout.write(
            f"Report {options['year']}: {len(report.tables)} tables written to {options['output']}."
        )
