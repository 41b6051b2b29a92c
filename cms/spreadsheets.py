"""
Spreadsheet exports that a spreadsheet program cannot run (CSV injection).

Wagtail's exports (its reports, listings, and the project's: units, stage deadlines) write
a page title or a unit name as it was typed; a cell starting with `=`, `+`, `-`, `@` (or a
tab or carriage return before one) is taken for a formula by Excel and LibreOffice. XLSX
is safe already (Wagtail stores formula-looking cells as text); CSV cells get a leading
apostrophe, as OWASP recommends, which spreadsheet programs hide.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would evaluate, made plain text; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv_row(self, writer, row_dict):
    """SpreadsheetExportMixin.write_csv_row with every cell neutralised."""
    return writer.writerow(
        {
            field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def install() -> None:
    """Every CSV export of the admin (Wagtail's and the apps') goes through `neutralise`."""
    SpreadsheetExportMixin.write_csv_row = write_csv_row
