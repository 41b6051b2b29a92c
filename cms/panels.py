"""The admin dashboard tells members of an ended unit which unit succeeded theirs."""

from __future__ import annotations

from django.db.models import Q
from wagtail.admin.ui.components import Component

from cms.models import Unit


def ended_units_of(user) -> list[Unit]:
    """The ended units whose editor or head group the user belongs to."""
    if not user.is_authenticated:
        return []
    groups = user.groups.all()
    return list(Unit.objects.ended().filter(Q(editor_group__in=groups) | Q(head_group__in=groups)).distinct())


class EndedUnitsPanel(Component):
    """A dashboard panel: your unit ended on this day; this is the unit that succeeded it."""

    name = "ended_units"
    order = 50
    template_name = "cms/ended_units_panel.html"

    def __init__(self, units: list[Unit]):
        self.units = units

    def get_context_data(self, parent_context=None):
        return {"units": [{"unit": unit, "successors": unit.successors_on()} for unit in self.units]}
