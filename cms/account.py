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

    def clean(self):
        """A login django-axes refused (too many failures) says so, not "wrong password"."""
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                from cms.lockouts import locked_message

                raise forms.ValidationError(locked_message(), code="locked") from None
            raise
