"""
The admin's account page for Vietnamese names: many people (and every service or demo
account) keep their whole name in one field, so the family name is optional.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class VietnameseNameEmailForm(NameEmailForm):
    """Wagtail's name and e-mail form, without requiring a family name."""

    last_name = forms.CharField(required=False, label=NameEmailForm.base_fields["last_name"].label)


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, whose password field has no label of its own ("Password")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
