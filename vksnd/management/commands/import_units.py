"""Import units from a CSV or XLSX file: all rows or none, idempotent, with a dry run."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.services.unit_import import COLUMNS, ImportRefused, import_units, plan_import
from vksnd.setup import provision_unit_folders


class Command(BaseCommand):
    help = (
        "Import units (code, names, level, parent, dates, predecessors, successors, symbol, website, "
        "emails, source) from a CSV or XLSX file. Every row is checked first; one bad row writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=f"CSV or XLSX with a header row: {', '.join(COLUMNS)}.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and show what would change; write nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool = False, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            plan = plan_import(file) if dry_run else import_units(file)
        except ImportRefused as refused:
            for line in refused.errors:
                self.stderr.write(line)
            raise CommandError(f"{len(refused.errors)} problem(s) found; nothing was imported.") from None
        for line in plan.lines():
            self.stdout.write(line)
        summary = (
            f"{len(plan.created)} new unit(s), {len(plan.changes)} changed, {len(plan.rows)} row(s) read."
        )
        if dry_run:
            self.stdout.write(f"Dry run: {summary} Nothing was written.")
            return
        if plan.changed:
            folders = provision_unit_folders()
            summary += f" Unit folders: {folders}."
        self.stdout.write(
            self.style.SUCCESS(f"Imported: {summary}" if plan.changed else "Nothing to change.")
        )
