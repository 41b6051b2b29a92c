"""Chooser fields of page forms, narrowed to what the form allows (imported by models: no views here)."""

from __future__ import annotations


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
