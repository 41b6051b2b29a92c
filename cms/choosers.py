"""
Chooser widgets that survive a value that is not an id, and chooser fields of page forms
narrowed to what the form allows (imported by models: no views here).

Wagtail's choosers (`BaseChooser.get_instance`) look the submitted value up by primary key
to re-render a form with errors; a value that is not an id ("abc", a NUL byte) raised
inside the widget, and the form that should have said "choose a valid item" answered 500.
The form field has already refused such a value, so the widget shows nothing chosen.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.admin.widgets.chooser import BaseChooser

_wagtails_get_instance = BaseChooser.get_instance


def get_instance(self, value):
    """BaseChooser.get_instance, with None for a value that cannot be an id of the model."""
    if value is None or isinstance(value, self.model_class):
        return _wagtails_get_instance(self, value)
    try:
        self.model_class._meta.pk.to_python(value)
        return _wagtails_get_instance(self, value)
    except (ValueError, TypeError, ValidationError):
        return None


def install() -> None:
    BaseChooser.get_instance = get_instance


def scope_to_folder(field, unit) -> None:
    """
    A page form's unit chooser offers only this folder unit's subtree
    (`cms.viewsets.UnitChooserFilterForm` reads `folder_unit`), ended units included when the
    folder's own unit has ended.
    """
    widget = field.widget
    if not hasattr(widget, "get_chooser_modal_url"):
        return
    url = widget.get_chooser_modal_url()
    widget.get_chooser_modal_url = lambda: f"{url}?folder_unit={unit.pk}"


def offer_units_valid_on(field, date_field: str) -> None:
    """
    A page form's unit chooser offers the units that existed on the date being typed in the
    form's `date_field` (a news item of 2024 names Bình Thuận, which ended on 30/6/2025):
    Wagtail's chooser sends the field's value along (`linked_fields`), and
    `cms.viewsets.UnitChooserFilterForm` reads it as `on_date`. No date, or today's: today's units.
    """
    widget = field.widget
    if isinstance(widget, BaseChooser):
        widget.linked_fields = {**widget.linked_fields, "on_date": f"#id_{date_field}"}
