"""
Spreadsheet exports that Vietnamese offices open in Excel: CSV starts with a UTF-8 BOM (else
Excel reads the diacritics as Windows-1252), dates read dd/mm/yyyy, yes/no read Có/Không.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin

BOM = "\ufeff"
CSV = SpreadsheetExportMixin.FORMAT_CSV
XLSX = SpreadsheetExportMixin.FORMAT_XLSX


def yes_no(value: bool) -> str:
    return _("Có") if value else _("Không")


def day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def moment(value: datetime.datetime) -> str:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y %H:%M")


# Most specific class first: bool is an int, datetime is a date.
VALUE_PREPROCESS = {
    bool: {CSV: yes_no, XLSX: yes_no},
    datetime.datetime: {
        CSV: moment,
        XLSX: lambda value: timezone.make_naive(value) if timezone.is_aware(value) else value,
    },
    datetime.date: {CSV: day, XLSX: None},
    datetime.time: {XLSX: None},
    list: SpreadsheetExportMixin.custom_value_preprocess[list],
}


class VietnameseExportMixin:
    """Mixed into a Wagtail view with SpreadsheetExportMixin (index views, reports)."""

    custom_value_preprocess = VALUE_PREPROCESS

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)
