"""Admin forms of the content API: a partner, issuing a key, a webhook subscription."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import KeyScope, WebhookEvent, WebhookSubscription
from .webhooks import validate_target

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

    scopes = forms.MultipleChoiceField(
        label=_("Quyền gửi"),
        choices=KeyScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống nếu khóa chỉ dùng để đọc nội dung."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_days"].initial = settings.CONTENT_API_TOKEN_VALID_DAYS

    @property
    def valid_for(self) -> timedelta:
        return timedelta(days=self.cleaned_data["valid_days"])


class PartnerForm(WagtailAdminModelForm):
    """The partner's edit form: previewing needs the partner's preview page."""

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("can_preview") and not cleaned.get("preview_url") and "preview_url" not in self.errors:
            self.add_error(
                "preview_url", _("Nhập địa chỉ xem trước để đối tác xem trước được nội dung chờ duyệt.")
            )
        return cleaned


class WebhookSubscriptionForm(forms.ModelForm):
    """Thêm / sửa đăng ký webhook: the partner's public http(s) URL and the events it hears."""

    url = forms.URLField(
        label=_("Địa chỉ nhận"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "Địa chỉ http(s) công khai của đối tác nhận thông báo, ví dụ: https://cong.example.vn/webhook"
        ),
        error_messages={
            "required": _("Nhập địa chỉ nhận thông báo."),
            "invalid": _("Địa chỉ nhận không hợp lệ."),
        },
    )
    events = forms.MultipleChoiceField(
        label=_("Sự kiện"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Các loại thay đổi được gửi tới địa chỉ này."),
        error_messages={
            "required": _("Chọn ít nhất một sự kiện."),
            "invalid_choice": _("Sự kiện “%(value)s” không tồn tại."),
        },
    )
    is_active = forms.BooleanField(
        label=_("Đang hoạt động"),
        required=False,
        initial=True,
        help_text=_("Bỏ chọn để tạm dừng gửi; chọn lại để bật lại một đăng ký đã bị tự động tắt."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["url", "events", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.disabled_at:
            # An automatically disabled subscription reads as off until the Office turns it on.
            self.initial["is_active"] = False

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        validate_target(url)  # raises a ValidationError with the Vietnamese reason
        return url

    def clean_events(self) -> list[str]:
        chosen = set(self.cleaned_data["events"])
        # Kept in the order of WebhookEvent, whatever order the browser sent them in.
        return [event.value for event in WebhookEvent if event.value in chosen]

    def save(self, commit: bool = True) -> WebhookSubscription:
        subscription = super().save(commit=False)
        if subscription.is_active:
            # Turning a subscription (back) on clears an automatic disabling.
            subscription.disabled_at = None
            subscription.disabled_reason = ""
        if commit:
            subscription.save()
        return subscription
