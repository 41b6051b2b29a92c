"""
`setup_site`: everything a fresh deployment needs, idempotently. Composition only: each
step is the owning app's own function, called in the order their data depends on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cms.calendar import seed_calendar
from cms.models import RoleCode, Unit
from cms.services.access import PermissionSet, ensure_role_groups, provision_unit, remove_stock_groups
from cms.services.units import LoadReport, load_channels, load_units
from emulation.setup import ensure_rules
from engagement.setup import ensure_consultation_workflow
from exemplar_pages.tree import PageTree, ensure_page_tree, ensure_unit_folders, existing_page_tree
from exemplar_pages.vocabularies import load_award_vocabularies
from translations.services import setup_english_editions
from workflows.setup import ensure_coordination_workflows, ensure_default_workflow, ensure_schedule_workflow

# Statutory holidays are seeded for this year and the next ones (deadlines rarely reach further);
# each deployment's setup_site adds the following years as time passes.
CALENDAR_YEARS_AHEAD = 2


@dataclass
class SetupReport:
    units: LoadReport
    tree: PageTree
    folders: int


@transaction.atomic
def setup_site(*, update_units: bool = False) -> SetupReport:
    """Units and roles from the data file, the page tree, groups and permissions."""
    units = load_units(update=update_units)
    load_channels()
    this_year = timezone.localdate().year
    seed_calendar(range(this_year, this_year + CALENDAR_YEARS_AHEAD + 1))
    tree = ensure_page_tree()
    load_award_vocabularies()  # after the tree, which creates the locales it translates into
    ensure_rules()  # the eligibility rules name award forms
    role_groups = ensure_role_groups(tree.home, tree.exemplars, tree.campaigns, tree.news)
    ensure_default_workflow(role_groups[RoleCode.OFFICE], tree.home)
    ensure_coordination_workflows(tree.exemplars, tree.campaigns, tree.news)
    ensure_schedule_workflow()
    ensure_consultation_workflow()
    setup_english_editions(tree.home)
    remove_stock_groups()
    folders = provision_unit_folders(tree)
    return SetupReport(units=units, tree=tree, folders=folders)


@transaction.atomic
def provision_unit_folders(tree: PageTree | None = None) -> int:
    """A folder, groups and a collection for every contributing unit; returns the folder count."""
    tree = tree or existing_page_tree()
    folders = ensure_unit_folders(tree.exemplars)
    perms = PermissionSet()
    # In name order: collections keep their children sorted by name, and appending in order
    # spares treebeard from renumbering siblings on each insert.
    for unit in (
        Unit.objects.filter(pk__in=folders.keys())
        .select_related("editor_group", "head_group", "collection")
        .order_by("short_name", "code")
    ):
        provision_unit(unit, folders[unit.pk], perms)
    return len(folders)
