"""Admin forms of the content API: issuing a key to a partner."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

MIN_VALID_DAYS = 1
MAX_VALID_DAYS = 3650


class IssueKeyForm(forms.Form):
    """Cấp khóa mới: a label the Office recognises and how many days the key lives."""

    name = forms.CharField(
        label=_("Tên khóa"),
        max_length=255,
        help_text=_("Để nhận ra khóa về sau, ví dụ: “Máy chủ cổng thông tin 2026”."),
    )
    valid_days = forms.IntegerField(
        label=_("Thời hạn (ngày)"),
        min_value=MIN_VALID_DAYS,
        max_value=MAX_VALID_DAYS,
        help_text=_("Từ 1 đến 3650 ngày; hết hạn, khóa không dùng được nữa và phải cấp khóa mới."),
        error_messages={
            "required": _("Nhập thời hạn của khóa, tính bằng ngày."),
            "invalid": _("Thời hạn phải là một số nguyên (số ngày)."),
            "min_value": _("Thời hạn ít nhất là %(limit_value)s ngày."),
            "max_value": _("Thời hạn nhiều nhất là %(limit_value)s ngày."),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_days"].initial = settings.CONTENT_API_TOKEN_VALID_DAYS

    @property
    def valid_for(self) -> timedelta:
        return timedelta(days=self.cleaned_data["valid_days"])
