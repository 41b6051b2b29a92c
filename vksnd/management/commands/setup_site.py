"""Set up what every deployment needs: units, roles, page tree, groups and permissions."""

from django.core.management.base import BaseCommand

from vksnd.setup import setup_site


class Command(BaseCommand):
    help = "Load units and roles, create the page tree, groups and permissions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update-units",
            action="store_true",
            help="Overwrite units edited in the admin with the data file's values.",
        )

    def handle(self, *args, update_units: bool = False, **options):
        report = setup_site(update_units=update_units)
        units = report.units
        self.stdout.write(
            f"Units: {len(units.created)} created, {len(units.updated)} updated; "
            f"roles created: {len(units.roles_created)}; unit folders: {report.folders}."
        )
        self.stdout.write(self.style.SUCCESS("Site set up."))
