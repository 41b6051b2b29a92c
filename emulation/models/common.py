"""Field helpers shared by the emulation models."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.docnumbers import parse_document_number, validate_document_number


def year_field(**kwargs) -> models.PositiveSmallIntegerField:
    """The emulation year (năm thi đua)."""
    return models.PositiveSmallIntegerField(
        _("năm thi đua"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=kwargs.pop("help_text", _("Năm thi đua, ví dụ 2024.")),
        **kwargs,
    )


def decision_number_field(label=None, **kwargs) -> models.CharField:
    return models.CharField(
        label or _("số quyết định"),
        max_length=60,
        blank=True,
        validators=[validate_document_number],
        help_text=kwargs.pop("help_text", _("Theo số ghi trên văn bản, ví dụ: 1136/QĐ-UBND.")),
        **kwargs,
    )


def canonical_number(value: str) -> str:
    """A valid number as it is stored (the validator reports an invalid one)."""
    if not value:
        return value
    try:
        return parse_document_number(value).text
    except ValidationError:  # the field validator reports it
        return value


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def private_document(label, help_text) -> models.ForeignKey:
    """A document in private storage: emulation files are never linked from a public page."""
    return models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )
