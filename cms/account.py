"""
The admin's account page for Vietnamese names: many people (and every service or demo
account) keep their whole name in one field, so the family name is optional.
"""

from __future__ import annotations

from django import forms
from wagtail.admin.forms.account import NameEmailForm


class VietnameseNameEmailForm(NameEmailForm):
    """Wagtail's name and e-mail form, without requiring a family name."""

    last_name = forms.CharField(required=False, label=NameEmailForm.base_fields["last_name"].label)
